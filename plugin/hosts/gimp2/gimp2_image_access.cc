#include "gimp2_image_access.h"

#include <string>

#include "errors.h"

namespace gpt_image {

namespace {

Raster read_buffer(gint32 drawable, const PixelRect &rect, const char *format, int channels) {
  Raster out(rect.width, rect.height, channels);
  GeglBuffer *buffer = gimp_drawable_get_buffer(drawable);
  const GeglRectangle area{rect.x, rect.y, rect.width, rect.height};
  gegl_buffer_get(buffer, &area, 1.0, babl_format(format), out.pixels.data(), static_cast<gint>(out.stride()),
                  GEGL_ABYSS_NONE);
  g_object_unref(buffer);
  return out;
}

void write_layer_pixels(gint32 layer, const Raster &pixels) {
  GeglBuffer *buffer = gimp_drawable_get_buffer(layer);
  const GeglRectangle area{0, 0, pixels.width, pixels.height};
  gegl_buffer_set(buffer, &area, 0, babl_format("R'G'B'A u8"), pixels.pixels.data(), static_cast<gint>(pixels.stride()));
  g_object_unref(buffer);  // flushes the tiles to GIMP
  gimp_drawable_update(layer, 0, 0, pixels.width, pixels.height);
}

}  // namespace

PixelSize Gimp2FillSource::canvas_size() { return {gimp_image_width(image_), gimp_image_height(image_)}; }

std::optional<PixelRect> Gimp2FillSource::selection_bounds() {
  gboolean non_empty = FALSE;
  gint x1 = 0, y1 = 0, x2 = 0, y2 = 0;
  if (!gimp_selection_bounds(image_, &non_empty, &x1, &y1, &x2, &y2) || !non_empty) return std::nullopt;
  return PixelRect{x1, y1, x2 - x1, y2 - y1};
}

Raster Gimp2FillSource::read_visible(const PixelRect &rect) {
  // A temporary layer of what is visible (not inserted, so no undo step and no visible change).
  const gint32 visible = gimp_layer_new_from_visible(image_, image_, "gpt-image capture");
  if (visible <= 0) throw GenerativeError(ErrorKind::Host, "GIMP could not provide the visible pixels.");
  Raster out = read_buffer(visible, rect, "R'G'B'A u8", 4);
  gimp_item_delete(visible);
  return out;
}

Raster Gimp2FillSource::read_selection(const PixelRect &rect) {
  return read_buffer(gimp_image_get_selection(image_), rect, "Y u8", 1);
}

void check_image_supported_gimp2(gint32 image) {
  if (gimp_image_base_type(image) == GIMP_INDEXED)
    throw GenerativeError(ErrorKind::InvalidArgument,
                          "Generative Fill works on RGB and grayscale images; convert this indexed image with "
                          "Image ▸ Mode ▸ RGB first.");
}

gint32 place_fill_layers_gimp2(gint32 image, gint32 anchor, const FillPlacement &placement) {
  const GimpImageType type = gimp_image_base_type(image) == GIMP_GRAY ? GIMP_GRAYA_IMAGE : GIMP_RGBA_IMAGE;
  gint32 parent = 0;
  gint position = 0;
  if (anchor > 0 && gimp_item_is_layer(anchor)) {
    parent = gimp_item_get_parent(anchor);
    if (parent < 0) parent = 0;
    position = gimp_image_get_item_position(image, anchor);
  }

  gint32 result = -1;
  gint32 inserted_top = -1;  // what to remove if anything below fails
  gimp_image_undo_group_start(image);
  try {
    if (placement.layers.size() > 1) {
      const gint32 group = gimp_layer_group_new(image);
      if (group <= 0 || !gimp_image_insert_layer(image, group, parent, position))
        throw GenerativeError(ErrorKind::Host, "GIMP could not add the layer group.");
      gimp_item_set_name(group, placement.layer_name.c_str());
      result = inserted_top = group;
      parent = group;
      position = 0;
    }
    for (size_t i = 0; i < placement.layers.size(); ++i) {
      const std::string name = placement.layers.size() > 1
                                   ? placement.layer_name + " #" + std::to_string(i + 1)
                                   : placement.layer_name;
      const gint32 layer = gimp_layer_new(image, name.c_str(), placement.at.width, placement.at.height, type, 100.0,
                                          GIMP_LAYER_MODE_NORMAL);
      if (layer <= 0 || !gimp_image_insert_layer(image, layer, parent, position + static_cast<gint>(i)))
        throw GenerativeError(ErrorKind::Host, "GIMP could not add the new layer.");
      if (result < 0) result = inserted_top = layer;
      gimp_layer_set_offsets(layer, placement.at.x, placement.at.y);
      write_layer_pixels(layer, placement.layers[i]);
      if (placement.has_selection) {
        const gint32 mask = gimp_layer_create_mask(layer, GIMP_ADD_MASK_SELECTION);
        if (mask <= 0 || !gimp_layer_add_mask(layer, mask))
          throw GenerativeError(ErrorKind::Host, "GIMP could not add the layer mask.");
      }
      gimp_item_set_visible(layer, i == 0);
    }
  } catch (...) {
    if (inserted_top > 0) gimp_image_remove_layer(image, inserted_top);
    gimp_image_undo_group_end(image);
    throw;
  }
  gimp_image_undo_group_end(image);
  return result;
}

}  // namespace gpt_image
