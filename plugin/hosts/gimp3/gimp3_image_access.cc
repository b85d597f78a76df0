#include "gimp3_image_access.h"

#include <string>

#include "errors.h"
#include "i18n.h"
#include "drawable_pixels.h"

namespace gpt_image {

PixelSize Gimp3FillSource::canvas_size() { return {gimp_image_get_width(image_), gimp_image_get_height(image_)}; }

std::optional<PixelRect> Gimp3FillSource::selection_bounds() {
  gboolean non_empty = FALSE;
  gint x1 = 0, y1 = 0, x2 = 0, y2 = 0;
  if (!gimp_selection_bounds(image_, &non_empty, &x1, &y1, &x2, &y2) || !non_empty) return std::nullopt;
  return PixelRect{x1, y1, x2 - x1, y2 - y1};
}

namespace {

// The layer whose own pixels are exactly what is visible in `rect`, when the image is that simple
// (a photo as opened: one visible layer, normal mode and composite, full opacity, no mask, no
// floating selection, covering `rect`); nullptr otherwise. Reading it directly skips duplicating
// and flattening the image (0.2 s in GIMP 3 at 24 MP, bench/README.md).
GimpLayer *sole_visible_layer(GimpImage *image, const PixelRect &rect) {
  if (gimp_image_get_floating_sel(image)) return nullptr;
  GimpLayer **layers = gimp_image_get_layers(image);
  GimpLayer *only = layers && layers[0] && !layers[1] ? layers[0] : nullptr;
  g_free(layers);
  if (!only || gimp_item_is_group(GIMP_ITEM(only)) || !gimp_item_get_visible(GIMP_ITEM(only)) ||
      gimp_layer_get_mask(only) || gimp_layer_get_opacity(only) < 100.0)
    return nullptr;
  const GimpLayerMode mode = gimp_layer_get_mode(only);
  const GimpLayerCompositeMode composite = gimp_layer_get_composite_mode(only);
  if ((mode != GIMP_LAYER_MODE_NORMAL && mode != GIMP_LAYER_MODE_NORMAL_LEGACY) ||
      (composite != GIMP_LAYER_COMPOSITE_AUTO && composite != GIMP_LAYER_COMPOSITE_UNION))
    return nullptr;
  gint ox = 0, oy = 0;
  gimp_drawable_get_offsets(GIMP_DRAWABLE(only), &ox, &oy);
  const PixelRect extent{ox, oy, gimp_drawable_get_width(GIMP_DRAWABLE(only)),
                         gimp_drawable_get_height(GIMP_DRAWABLE(only))};
  return extent.contains(rect) ? only : nullptr;
}

}  // namespace

Raster Gimp3FillSource::read_visible(const PixelRect &rect) {
  if (GimpLayer *only = sole_visible_layer(image_, rect)) {
    gint ox = 0, oy = 0;
    gimp_drawable_get_offsets(GIMP_DRAWABLE(only), &ox, &oy);
    return read_drawable_rgba(GIMP_DRAWABLE(only), PixelRect{rect.x - ox, rect.y - oy, rect.width, rect.height});
  }
  // What is visible in `rect` alone: a duplicate of the image (its pixels are shared copy-on-write,
  // so duplicating costs no pixel copies) cropped to the rectangle, then flattened into a temporary
  // layer. Compositing the whole image instead would cost time and memory in proportion to the
  // image, not the region (bench/README.md). The duplicate is never shown and is deleted at once.
  GimpImage *part = gimp_image_duplicate(image_);
  if (!part) throw GenerativeError(ErrorKind::Host, _("GIMP could not provide the visible pixels."));
  gimp_image_undo_disable(part);
  GimpLayer *visible = nullptr;
  if (gimp_image_crop(part, rect.width, rect.height, rect.x, rect.y))
    visible = gimp_layer_new_from_visible(part, part, "gpt-image capture");
  if (!visible) {
    gimp_image_delete(part);
    throw GenerativeError(ErrorKind::Host, _("GIMP could not provide the visible pixels."));
  }
  Raster out = read_drawable_rgba(GIMP_DRAWABLE(visible), {0, 0, rect.width, rect.height});
  gimp_item_delete(GIMP_ITEM(visible));
  gimp_image_delete(part);
  return out;
}

Raster Gimp3FillSource::read_selection(const PixelRect &rect) {
  return read_drawable_pixels(GIMP_DRAWABLE(gimp_image_get_selection(image_)), rect, "Y u8", 1);
}

Raster Gimp3FillSource::read_active_layer(const PixelRect &rect) {
  if (!active_ || !GIMP_IS_LAYER(active_))
    throw GenerativeError(ErrorKind::InvalidArgument,
                          _("Sampling the active layer needs an active layer; select one, or sample what is visible."));
  gint ox = 0, oy = 0;
  gimp_drawable_get_offsets(active_, &ox, &oy);
  // In the layer's own coordinates; what lies outside the layer reads as transparent.
  return read_drawable_rgba(active_, PixelRect{rect.x - ox, rect.y - oy, rect.width, rect.height});
}

void check_image_supported_gimp3(GimpImage *image) {
  if (gimp_image_get_base_type(image) == GIMP_INDEXED)
    throw GenerativeError(ErrorKind::InvalidArgument,
                          _("Generative Fill works on RGB and grayscale images; convert this indexed image with "
                            "Image ▸ Mode ▸ RGB first."));
  GimpLayer **layers = gimp_image_get_layers(image);
  const bool has_layers = layers && layers[0];
  g_free(layers);
  if (!has_layers)
    throw GenerativeError(ErrorKind::InvalidArgument,
                          _("The image has no layers; add one (Layer ▸ New Layer…) before Generative Fill."));
}

void check_image_takes_generated_layers_gimp3(GimpImage *image) {
  if (gimp_image_get_base_type(image) == GIMP_INDEXED)
    throw GenerativeError(ErrorKind::InvalidArgument,
                          _("Generate Layer works on RGB and grayscale images; convert this indexed image with "
                            "Image ▸ Mode ▸ RGB first."));
}

std::vector<Raster> read_references_gimp3(const std::vector<GimpDrawable *> &references) {
  std::vector<Raster> out;
  for (size_t i = 0; i < references.size(); ++i) {
    GimpDrawable *drawable = references[i];
    if (!drawable || !GIMP_IS_DRAWABLE(drawable) || !gimp_item_is_valid(GIMP_ITEM(drawable)))
      throw GenerativeError(ErrorKind::InvalidArgument,
                            format_text(_("Reference %d no longer exists; choose the references again."),
                                        static_cast<int>(i + 1)));
    gchar *name = gimp_item_get_name(GIMP_ITEM(drawable));
    const std::string label = name ? name : "";
    g_free(name);
    if (gimp_item_is_group(GIMP_ITEM(drawable)))
      throw GenerativeError(ErrorKind::InvalidArgument,
                            format_text(_("Reference %d (\"%s\") is a layer group; choose one of its layers, or "
                                          "merge the group first."),
                                        static_cast<int>(i + 1), label.c_str()));
    const int width = gimp_drawable_get_width(drawable), height = gimp_drawable_get_height(drawable);
    out.push_back(read_drawable_rgba(drawable, {0, 0, width, height}));
  }
  return out;
}

namespace {
void add_candidates(GimpItem **items, const std::string &image_name, std::vector<ReferenceCandidate> &out) {
  for (GimpItem **item = items; item && *item; ++item) {
    if (gimp_item_is_group(*item)) {
      GimpItem **children = gimp_item_get_children(*item);
      add_candidates(children, image_name, out);
      g_free(children);
      continue;
    }
    gchar *name = gimp_item_get_name(*item);
    out.push_back({gimp_item_get_id(*item), image_name + " ▸ " + (name ? name : "")});
    g_free(name);
  }
}
}  // namespace

std::vector<ReferenceCandidate> reference_candidates_gimp3() {
  std::vector<ReferenceCandidate> out;
  GimpImage **images = gimp_get_images();
  for (GimpImage **image = images; image && *image; ++image) {
    gchar *name = gimp_image_get_name(*image);
    GimpLayer **layers = gimp_image_get_layers(*image);
    add_candidates(reinterpret_cast<GimpItem **>(layers), name ? name : "", out);
    g_free(layers);
    g_free(name);
  }
  g_free(images);
  return out;
}

GimpDrawable *fill_anchor_gimp3(GimpDrawable *drawable) {
  if (drawable && GIMP_IS_LAYER_MASK(drawable))
    return GIMP_DRAWABLE(gimp_layer_from_mask(GIMP_LAYER_MASK(drawable)));
  return drawable;
}

namespace {
// Whether `item` still exists and belongs to `image`.
bool item_in_image(GimpDrawable *item, GimpImage *image) {
  return item && gimp_item_is_valid(GIMP_ITEM(item)) && gimp_item_get_image(GIMP_ITEM(item)) == image;
}
}  // namespace

Gimp3LayerTarget::Gimp3LayerTarget(GimpImage *image, GimpDrawable *anchor) : image_(image), anchor_(anchor) {
  if (gimp_image_is_valid(image) && item_in_image(anchor, image) && GIMP_IS_LAYER(anchor)) {
    GimpItem *parent = gimp_item_get_parent(GIMP_ITEM(anchor));
    anchor_parent_ = parent ? GIMP_LAYER(parent) : nullptr;
    anchor_position_ = gimp_image_get_item_position(image, GIMP_ITEM(anchor));
  }
}

LayerTarget::ItemId Gimp3LayerTarget::insert_group(const std::string &name) {
  GimpGroupLayer *group = gimp_group_layer_new(image_, name.c_str());
  if (!group || !gimp_image_insert_layer(image_, GIMP_LAYER(group), anchor_parent_, anchor_position_))
    throw GenerativeError(ErrorKind::Host, _("GIMP could not add the layer group."));
  return gimp_item_get_id(GIMP_ITEM(group));
}

LayerTarget::ItemId Gimp3LayerTarget::insert_layer(const std::string &name, ItemId group, int index,
                                                   const Raster &pixels, const PixelRect &at) {
  const GimpImageType type = gimp_image_get_base_type(image_) == GIMP_GRAY ? GIMP_GRAYA_IMAGE : GIMP_RGBA_IMAGE;
  GimpLayer *layer = gimp_layer_new(image_, name.c_str(), at.width, at.height, type, 100.0, GIMP_LAYER_MODE_NORMAL);
  GimpLayer *parent = group ? GIMP_LAYER(gimp_item_get_by_id(group)) : anchor_parent_;
  const gint position = group ? index : anchor_position_;
  if (!layer || !gimp_image_insert_layer(image_, layer, parent, position))
    throw GenerativeError(ErrorKind::Host, _("GIMP could not add the new layer."));
  gimp_layer_set_offsets(layer, at.x, at.y);
  write_drawable_pixels(GIMP_DRAWABLE(layer), pixels, "R'G'B'A u8");
  return gimp_item_get_id(GIMP_ITEM(layer));
}

LayerTarget::State Gimp3LayerTarget::state() {
  State now;
  now.image_open = gimp_image_is_valid(image_);
  if (!now.image_open) return now;
  now.canvas = {gimp_image_get_width(image_), gimp_image_get_height(image_)};
  now.anchor_present = !anchor_ || item_in_image(anchor_, image_);
  return now;
}

void Gimp3LayerTarget::add_mask(ItemId id, const Raster &pixels) {
  // Written from the selection captured with the request, never from the selection as it is now.
  GimpLayer *layer = GIMP_LAYER(gimp_item_get_by_id(id));
  GimpLayerMask *mask = gimp_layer_create_mask(layer, GIMP_ADD_MASK_BLACK);
  if (!mask || !gimp_layer_add_mask(layer, mask)) throw GenerativeError(ErrorKind::Host, _("GIMP could not add the layer mask."));
  write_drawable_pixels(GIMP_DRAWABLE(mask), pixels, "Y u8");
}

void Gimp3LayerTarget::set_visible(ItemId id, bool visible) { gimp_item_set_visible(gimp_item_get_by_id(id), visible); }

void Gimp3LayerTarget::remove(ItemId id) { gimp_image_remove_layer(image_, GIMP_LAYER(gimp_item_get_by_id(id))); }

}  // namespace gpt_image
