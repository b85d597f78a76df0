#include "reference_images.h"

#include <algorithm>
#include <cmath>

#include "errors.h"
#include "i18n.h"
#include "image_codec.h"
#include "raster_ops.h"

namespace gpt_image {

void validate_reference_count(const ImageModel &model, size_t references, bool with_capture) {
  if (references == 0) return;
  if (!model.reference_images)
    throw GenerativeError(ErrorKind::InvalidArgument,
                          format_text(_("%s takes no reference images; remove them or choose a gpt-image model."),
                                      model.name.c_str()));
  const size_t limit = kMaxImagesPerRequest - (with_capture ? 1 : 0);
  if (references > limit)
    throw GenerativeError(
        ErrorKind::InvalidArgument,
        with_capture
            ? format_text(_("%d reference images were given; a fill takes at most %d (the API takes %d images and "
                            "the first is the area around the selection). Remove some."),
                          static_cast<int>(references), static_cast<int>(limit), kMaxImagesPerRequest)
            : format_text(_("%d reference images were given; the API takes at most %d. Remove some."),
                          static_cast<int>(references), static_cast<int>(limit)));
}

PixelSize bounded_reference_size(PixelSize source, PixelSize request) {
  const double scale = std::min({1.0, static_cast<double>(request.width) / source.width,
                                 static_cast<double>(request.height) / source.height});
  if (scale >= 1.0) return source;
  return {std::clamp(static_cast<int>(std::lround(source.width * scale)), 1, request.width),
          std::clamp(static_cast<int>(std::lround(source.height * scale)), 1, request.height)};
}

std::vector<std::uint8_t> encode_reference(const Raster &pixels, PixelSize request) {
  return encode_png(scale_raster(pixels, bounded_reference_size(pixels.size(), request)));
}

}  // namespace gpt_image
