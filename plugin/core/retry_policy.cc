#include "retry_policy.h"

#include <glib.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>

#include "i18n.h"

namespace gpt_image {

namespace {

std::optional<double> parse_seconds(const std::string &text) {
  char *end = nullptr;
  const double value = g_ascii_strtod(text.c_str(), &end);
  if (text.empty() || end == text.c_str() || *end != '\0' || !std::isfinite(value)) return std::nullopt;
  return value;
}

// "Wed, 21 Oct 2026 07:28:00 GMT" -> seconds from now.
std::optional<double> seconds_until_http_date(const std::string &text, std::time_t now) {
  GTimeZone *utc = g_time_zone_new_utc();
  static const char *months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  char weekday[4] = "", month[4] = "", zone[4] = "";
  int day = 0, year = 0, hour = 0, minute = 0, second = 0;
  std::optional<double> out;
  if (std::sscanf(text.c_str(), "%3s, %d %3s %d %d:%d:%d %3s", weekday, &day, month, &year, &hour, &minute, &second,
                  zone) == 8) {
    for (int m = 0; m < 12; ++m) {
      if (g_ascii_strcasecmp(month, months[m]) != 0) continue;
      GDateTime *when = g_date_time_new(utc, year, m + 1, day, hour, minute, second);
      if (when) {
        out = static_cast<double>(g_date_time_to_unix(when) - static_cast<gint64>(now));
        g_date_time_unref(when);
      }
    }
  }
  g_time_zone_unref(utc);
  return out;
}

}  // namespace

bool should_retry(const AttemptOutcome &outcome) {
  if (outcome.should_retry_header) return g_ascii_strcasecmp(outcome.should_retry_header->c_str(), "true") == 0;
  if (outcome.transport_failed) return true;
  if (outcome.status == 429 && outcome.error_code == "insufficient_quota") return false;
  return outcome.status == 408 || outcome.status == 409 || outcome.status == 429 || outcome.status >= 500;
}

double retry_delay_seconds(const AttemptOutcome &outcome, int retries_done, double jitter, std::time_t now) {
  std::optional<double> suggested;
  if (outcome.retry_after_ms_header) {
    if (auto ms = parse_seconds(*outcome.retry_after_ms_header)) suggested = *ms / 1000.0;
  }
  if (!suggested && outcome.retry_after_header) {
    suggested = parse_seconds(*outcome.retry_after_header);
    if (!suggested) suggested = seconds_until_http_date(*outcome.retry_after_header, now);
  }
  if (suggested && *suggested > 0 && *suggested <= 60) return *suggested;
  const double base = std::min(0.5 * std::pow(2.0, retries_done), 8.0);
  return base * (1.0 - 0.25 * std::clamp(jitter, 0.0, 1.0));
}

std::string retry_reason(const AttemptOutcome &outcome) {
  if (outcome.transport_failed) return _("the connection failed");
  if (outcome.status == 429) return _("rate limited (HTTP 429)");
  if (outcome.status >= 500) return format_text(_("server error (HTTP %ld)"), outcome.status);
  return format_text("HTTP %ld", outcome.status);
}

}  // namespace gpt_image
