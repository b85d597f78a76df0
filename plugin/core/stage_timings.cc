#include "stage_timings.h"

#include <sys/resource.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace gpt_image {

bool stage_timings_enabled() {
  const char *value = std::getenv("GPT_IMAGE_TIMINGS");
  return value && *value && std::strcmp(value, "0") != 0;
}

std::string format_stage_timings(const StageTimings &t, long peak_rss_kb) {
  char line[512];
  std::snprintf(line, sizeof line,
                "gimp-gpt-image timings: capture_ms=%.1f encode_ms=%.1f upload_bytes=%zu request_ms=%.1f "
                "decode_ms=%.1f place_ms=%.1f total_ms=%.1f peak_rss_kb=%ld",
                t.capture_ms, t.encode_ms, t.upload_bytes, t.request_ms, t.decode_ms, t.place_ms, t.total_ms(),
                peak_rss_kb);
  return line;
}

long peak_resident_kb() {
  // VmHWM is this process's own high-water mark. getrusage's ru_maxrss is not: Linux keeps it across
  // execve, so a plug-in (forked from GIMP, then exec'd) would report GIMP's size at the fork.
  if (FILE *status = std::fopen("/proc/self/status", "r")) {
    char line[256];
    long kb = -1;
    while (std::fgets(line, sizeof line, status))
      if (std::sscanf(line, "VmHWM: %ld kB", &kb) == 1) break;
    std::fclose(status);
    if (kb >= 0) return kb;
  }
  struct rusage usage {};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

void report_stage_timings(const StageTimings &timings) {
  if (!stage_timings_enabled()) return;
  std::fprintf(stderr, "%s\n", format_stage_timings(timings, peak_resident_kb()).c_str());
  std::fflush(stderr);
}

}  // namespace gpt_image
