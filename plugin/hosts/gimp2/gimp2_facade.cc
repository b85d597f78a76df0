// gimp_facade.h for GIMP 2.10: libgimp names images and items by gint32 ids already, so the ids
// pass through as they are.
#include "gimp_facade.h"
#include "gimp_facade_text.h"
#include "procedure_spec.h"

#include <libgimp/gimp.h>

#include <algorithm>

namespace gpt_image::gimp {

const bool kScriptsPassItemIds = true;

namespace {
// libgimp's id arrays (g_free'd here) as handles.
template <class Id>
std::vector<Id> take_ids(gint *ids, gint count) {
  std::vector<Id> out;
  for (gint i = 0; i < count; ++i) out.push_back(Id{ids[i]});
  g_free(ids);
  return out;
}
}  // namespace

bool image_is_valid(ImageId image) { return gimp_image_is_valid(image.id); }
PixelSize image_size(ImageId image) { return {gimp_image_width(image.id), gimp_image_height(image.id)}; }
bool image_is_indexed(ImageId image) { return gimp_image_base_type(image.id) == GIMP_INDEXED; }
std::string image_name(ImageId image) { return take_text(gimp_image_get_name(image.id)); }

std::vector<ImageId> open_images() {
  gint count = 0;
  gint *images = gimp_image_list(&count);
  return take_ids<ImageId>(images, count);
}

std::vector<ItemId> image_layers(ImageId image) {
  gint count = 0;
  gint *layers = gimp_image_get_layers(image.id, &count);
  return take_ids<ItemId>(layers, count);
}

std::optional<PixelRect> selection_bounds(ImageId image) {
  gboolean non_empty = FALSE;
  gint x1 = 0, y1 = 0, x2 = 0, y2 = 0;
  if (!gimp_selection_bounds(image.id, &non_empty, &x1, &y1, &x2, &y2) || !non_empty) return std::nullopt;
  return PixelRect{x1, y1, x2 - x1, y2 - y1};
}

ItemId selection_channel(ImageId image) { return {gimp_image_get_selection(image.id)}; }
bool has_floating_selection(ImageId image) { return gimp_image_get_floating_sel(image.id) > 0; }
int item_position(ImageId image, ItemId item) { return gimp_image_get_item_position(image.id, item.id); }

bool item_is_valid(ItemId item) { return gimp_item_is_valid(item.id); }
bool is_layer(ItemId item) { return gimp_item_is_layer(item.id); }
bool is_group(ItemId item) { return gimp_item_is_group(item.id); }
bool is_layer_mask(ItemId item) { return gimp_item_is_layer_mask(item.id); }
bool is_drawable(ItemId item) { return gimp_item_is_drawable(item.id); }

std::vector<ItemId> group_children(ItemId group) {
  gint count = 0;
  gint *children = gimp_item_get_children(group.id, &count);
  return take_ids<ItemId>(children, count);
}

ImageId item_image(ItemId item) { return {gimp_item_get_image(item.id)}; }
std::string item_name(ItemId item) { return take_text(gimp_item_get_name(item.id)); }
ItemId item_parent(ItemId item) { return {std::max(0, gimp_item_get_parent(item.id))}; }  // -1: none
bool item_visible(ItemId item) { return gimp_item_get_visible(item.id); }
void set_item_visible(ItemId item, bool visible) { gimp_item_set_visible(item.id, visible); }

PixelOffset drawable_offsets(ItemId drawable) {
  gint x = 0, y = 0;
  gimp_drawable_offsets(drawable.id, &x, &y);
  return {x, y};
}

PixelSize drawable_size(ItemId drawable) {
  return {gimp_drawable_width(drawable.id), gimp_drawable_height(drawable.id)};
}

double layer_opacity(ItemId layer) { return gimp_layer_get_opacity(layer.id); }
bool layer_has_mask(ItemId layer) { return gimp_layer_get_mask(layer.id) > 0; }

bool layer_mode_is_normal(ItemId layer) {
  const GimpLayerMode mode = gimp_layer_get_mode(layer.id);
  return mode == GIMP_LAYER_MODE_NORMAL || mode == GIMP_LAYER_MODE_NORMAL_LEGACY;
}

bool layer_composite_is_union(ItemId layer) {
  const GimpLayerCompositeMode composite = gimp_layer_get_composite_mode(layer.id);
  return composite == GIMP_LAYER_COMPOSITE_AUTO || composite == GIMP_LAYER_COMPOSITE_UNION;
}

ItemId layer_of_mask(ItemId mask) { return {gimp_layer_from_mask(mask.id)}; }

ItemId insert_layer(ImageId image, const std::string &name, const PixelRect &at, ItemId parent, int position) {
  const GimpImageType type = gimp_image_base_type(image.id) == GIMP_GRAY ? GIMP_GRAYA_IMAGE : GIMP_RGBA_IMAGE;
  const gint32 layer = gimp_layer_new(image.id, name.c_str(), at.width, at.height, type, 100.0, GIMP_LAYER_MODE_NORMAL);
  if (layer <= 0 || !gimp_image_insert_layer(image.id, layer, parent.id, position)) return {};
  gimp_layer_set_offsets(layer, at.x, at.y);
  return {layer};
}

ItemId insert_layer_group(ImageId image, const std::string &name, ItemId parent, int position) {
  // 2.10 makes groups nameless; named after inserting, as GIMP then makes the name unique.
  const gint32 group = gimp_layer_group_new(image.id);
  if (group <= 0 || !gimp_image_insert_layer(image.id, group, parent.id, position)) return {};
  gimp_item_set_name(group, name.c_str());
  return {group};
}

bool scale_layer(ItemId layer, const PixelRect &to) {
  // gimp_layer_scale, not gimp_item_transform_scale: the latter cuts what is selected into a
  // floating selection when there is a selection, and a fill always has one. Its interpolation
  // comes from the context: pushed, so the user's stays as it was.
  gimp_context_push();
  gimp_context_set_interpolation(GIMP_INTERPOLATION_CUBIC);
  const bool scaled = gimp_layer_scale(layer.id, to.width, to.height, TRUE) &&
                gimp_layer_set_offsets(layer.id, to.x, to.y);
  gimp_context_pop();
  return scaled;
}

ItemId add_filled_mask(ItemId layer, bool white) {
  const gint32 mask = gimp_layer_create_mask(layer.id, white ? GIMP_ADD_MASK_WHITE : GIMP_ADD_MASK_BLACK);
  if (mask <= 0 || !gimp_layer_add_mask(layer.id, mask)) return {};
  return {mask};
}

void remove_layer(ImageId image, ItemId layer) { gimp_image_remove_layer(image.id, layer.id); }
void delete_item(ItemId item) { gimp_item_delete(item.id); }
void undo_group_start(ImageId image) { gimp_image_undo_group_start(image.id); }
void undo_group_end(ImageId image) { gimp_image_undo_group_end(image.id); }
void undo_disable(ImageId image) { gimp_image_undo_disable(image.id); }
void undo_enable(ImageId image) { gimp_image_undo_enable(image.id); }

ImageId new_rgb_image(PixelSize size) { return {gimp_image_new(size.width, size.height, GIMP_RGB)}; }
void mark_clean(ImageId image) { gimp_image_clean_all(image.id); }
void show_in_display(ImageId image) { gimp_display_new(image.id); }

ImageId duplicate_image(ImageId image) { return {gimp_image_duplicate(image.id)}; }

bool crop_image(ImageId image, const PixelRect &rect) {
  return gimp_image_crop(image.id, rect.width, rect.height, rect.x, rect.y);
}

ItemId layer_from_visible(ImageId image, const char *name) {
  return {gimp_layer_new_from_visible(image.id, image.id, name)};
}

void delete_image(ImageId image) { gimp_image_delete(image.id); }

GeglBuffer *drawable_buffer(ItemId drawable) { return gimp_drawable_get_buffer(drawable.id); }

void drawable_update(ItemId drawable, const PixelRect &rect) {
  gimp_drawable_update(drawable.id, rect.x, rect.y, rect.width, rect.height);
}

bool resize_image(ImageId image, PixelSize size, PixelOffset offset) {
  return gimp_image_resize(image.id, size.width, size.height, offset.x, offset.y);
}

bool run_fill_interactively(ImageId image, ItemId drawable) {
  gint count = 0;
  // The dialog starts from the last values (and the prompt handed over), not from these params.
  GimpParam *answer = gimp_run_procedure(spec::kEditProcedure, &count, GIMP_PDB_INT32, GIMP_RUN_INTERACTIVE,
                                         GIMP_PDB_IMAGE, image.id, GIMP_PDB_DRAWABLE, drawable.id, GIMP_PDB_END);
  // A fill that ran and failed has said why itself: only a call GIMP refused did not start.
  const bool started = count > 0 && (answer[0].data.d_status == GIMP_PDB_SUCCESS ||
                                     answer[0].data.d_status == GIMP_PDB_CANCEL ||
                                     answer[0].data.d_status == GIMP_PDB_EXECUTION_ERROR);
  gimp_destroy_params(answer, count);
  return started;
}

}  // namespace gpt_image::gimp
