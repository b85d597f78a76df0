// gimp_facade.h for GIMP 3: libgimp names images and items by objects, looked up here by id. The
// plug-in only holds ids of objects libgimp has already handed it, so each lookup is a hit in
// libgimp's own table; a deleted item keeps its object there, and asking it gimp_item_is_valid()
// answers as before.
#include "gimp_facade.h"
#include "gimp_facade_text.h"
#include "procedure_spec.h"

#include <libgimp/gimp.h>

namespace gpt_image::gimp {

const bool kScriptsPassItemIds = false;

namespace {
GimpImage *image_of(ImageId image) { return gimp_image_get_by_id(image.id); }
GimpItem *item_of(ItemId item) { return gimp_item_get_by_id(item.id); }
GimpLayer *layer_of(ItemId layer) { return gimp_layer_get_by_id(layer.id); }
GimpDrawable *drawable_of(ItemId drawable) { return gimp_drawable_get_by_id(drawable.id); }

ImageId id_of(GimpImage *image) { return {image ? gimp_image_get_id(image) : 0}; }
template <class Item>
ItemId id_of(Item *item) { return {item ? gimp_item_get_id(GIMP_ITEM(item)) : 0}; }

// libgimp's NULL-terminated arrays (g_free'd here) as handles.
std::vector<ItemId> take_items(GimpItem **items) {
  std::vector<ItemId> out;
  for (GimpItem **item = items; item && *item; ++item) out.push_back(id_of(*item));
  g_free(items);
  return out;
}
}  // namespace

bool image_is_valid(ImageId image) {
  GimpImage *object = image_of(image);
  return object && gimp_image_is_valid(object);
}

PixelSize image_size(ImageId image) {
  return {gimp_image_get_width(image_of(image)), gimp_image_get_height(image_of(image))};
}

bool image_is_indexed(ImageId image) { return gimp_image_get_base_type(image_of(image)) == GIMP_INDEXED; }
std::string image_name(ImageId image) { return take_text(gimp_image_get_name(image_of(image))); }

std::vector<ImageId> open_images() {
  std::vector<ImageId> out;
  GimpImage **images = gimp_get_images();
  for (GimpImage **image = images; image && *image; ++image) out.push_back(id_of(*image));
  g_free(images);
  return out;
}

std::vector<ItemId> image_layers(ImageId image) {
  return take_items(reinterpret_cast<GimpItem **>(gimp_image_get_layers(image_of(image))));
}

std::optional<PixelRect> selection_bounds(ImageId image) {
  gboolean non_empty = FALSE;
  gint x1 = 0, y1 = 0, x2 = 0, y2 = 0;
  if (!gimp_selection_bounds(image_of(image), &non_empty, &x1, &y1, &x2, &y2) || !non_empty) return std::nullopt;
  return PixelRect{x1, y1, x2 - x1, y2 - y1};
}

ItemId selection_channel(ImageId image) { return id_of(gimp_image_get_selection(image_of(image))); }
bool has_floating_selection(ImageId image) { return gimp_image_get_floating_sel(image_of(image)) != nullptr; }
int item_position(ImageId image, ItemId item) { return gimp_image_get_item_position(image_of(image), item_of(item)); }

bool item_is_valid(ItemId item) {
  GimpItem *object = item_of(item);
  return object && gimp_item_is_valid(object);
}

// Type checks on the object, as GIMP 3 code does: no call to GIMP.
bool is_layer(ItemId item) { return GIMP_IS_LAYER(item_of(item)); }
bool is_group(ItemId item) { return gimp_item_is_group(item_of(item)); }
bool is_layer_mask(ItemId item) { return GIMP_IS_LAYER_MASK(item_of(item)); }
bool is_drawable(ItemId item) { return GIMP_IS_DRAWABLE(item_of(item)); }

std::vector<ItemId> group_children(ItemId group) { return take_items(gimp_item_get_children(item_of(group))); }
ImageId item_image(ItemId item) { return id_of(gimp_item_get_image(item_of(item))); }
std::string item_name(ItemId item) { return take_text(gimp_item_get_name(item_of(item))); }
ItemId item_parent(ItemId item) { return id_of(gimp_item_get_parent(item_of(item))); }
bool item_visible(ItemId item) { return gimp_item_get_visible(item_of(item)); }
void set_item_visible(ItemId item, bool visible) { gimp_item_set_visible(item_of(item), visible); }

PixelOffset drawable_offsets(ItemId drawable) {
  gint x = 0, y = 0;
  gimp_drawable_get_offsets(drawable_of(drawable), &x, &y);
  return {x, y};
}

PixelSize drawable_size(ItemId drawable) {
  return {gimp_drawable_get_width(drawable_of(drawable)), gimp_drawable_get_height(drawable_of(drawable))};
}

double layer_opacity(ItemId layer) { return gimp_layer_get_opacity(layer_of(layer)); }
bool layer_has_mask(ItemId layer) { return gimp_layer_get_mask(layer_of(layer)) != nullptr; }

bool layer_mode_is_normal(ItemId layer) {
  const GimpLayerMode mode = gimp_layer_get_mode(layer_of(layer));
  return mode == GIMP_LAYER_MODE_NORMAL || mode == GIMP_LAYER_MODE_NORMAL_LEGACY;
}

bool layer_composite_is_union(ItemId layer) {
  const GimpLayerCompositeMode composite = gimp_layer_get_composite_mode(layer_of(layer));
  return composite == GIMP_LAYER_COMPOSITE_AUTO || composite == GIMP_LAYER_COMPOSITE_UNION;
}

ItemId layer_of_mask(ItemId mask) {
  return id_of(gimp_layer_from_mask(GIMP_LAYER_MASK(item_of(mask))));
}

ItemId insert_layer(ImageId image, const std::string &name, const PixelRect &at, ItemId parent, int position) {
  GimpImage *into = image_of(image);
  const GimpImageType type = gimp_image_get_base_type(into) == GIMP_GRAY ? GIMP_GRAYA_IMAGE : GIMP_RGBA_IMAGE;
  GimpLayer *layer = gimp_layer_new(into, name.c_str(), at.width, at.height, type, 100.0, GIMP_LAYER_MODE_NORMAL);
  if (!layer || !gimp_image_insert_layer(into, layer, parent ? layer_of(parent) : nullptr, position)) return {};
  gimp_layer_set_offsets(layer, at.x, at.y);
  return id_of(layer);
}

ItemId insert_layer_group(ImageId image, const std::string &name, ItemId parent, int position) {
  GimpImage *into = image_of(image);
  GimpGroupLayer *group = gimp_group_layer_new(into, name.c_str());  // named at birth in GIMP 3
  if (!group || !gimp_image_insert_layer(into, GIMP_LAYER(group), parent ? layer_of(parent) : nullptr, position))
    return {};
  return id_of(group);
}

bool scale_layer(ItemId layer, const PixelRect &to) {
  // gimp_layer_scale, not gimp_item_transform_scale: the latter cuts what is selected into a
  // floating selection when there is a selection, and a fill always has one. Its interpolation
  // comes from the context: pushed, so the user's stays as it was.
  gimp_context_push();
  gimp_context_set_interpolation(GIMP_INTERPOLATION_CUBIC);
  const bool scaled = gimp_layer_scale(layer_of(layer), to.width, to.height, TRUE) &&
                gimp_layer_set_offsets(layer_of(layer), to.x, to.y);
  gimp_context_pop();
  return scaled;
}

ItemId add_filled_mask(ItemId layer, bool white) {
  GimpLayer *object = layer_of(layer);
  GimpLayerMask *mask = gimp_layer_create_mask(object, white ? GIMP_ADD_MASK_WHITE : GIMP_ADD_MASK_BLACK);
  if (!mask || !gimp_layer_add_mask(object, mask)) return {};
  return id_of(mask);
}

void remove_layer(ImageId image, ItemId layer) { gimp_image_remove_layer(image_of(image), layer_of(layer)); }
void delete_item(ItemId item) { gimp_item_delete(item_of(item)); }
void undo_group_start(ImageId image) { gimp_image_undo_group_start(image_of(image)); }
void undo_group_end(ImageId image) { gimp_image_undo_group_end(image_of(image)); }
void undo_disable(ImageId image) { gimp_image_undo_disable(image_of(image)); }
void undo_enable(ImageId image) { gimp_image_undo_enable(image_of(image)); }

ImageId new_rgb_image(PixelSize size) { return id_of(gimp_image_new(size.width, size.height, GIMP_RGB)); }
void mark_clean(ImageId image) { gimp_image_clean_all(image_of(image)); }
void show_in_display(ImageId image) { gimp_display_new(image_of(image)); }

ImageId duplicate_image(ImageId image) { return id_of(gimp_image_duplicate(image_of(image))); }

bool crop_image(ImageId image, const PixelRect &rect) {
  return gimp_image_crop(image_of(image), rect.width, rect.height, rect.x, rect.y);
}

ItemId layer_from_visible(ImageId image, const char *name) {
  GimpImage *object = image_of(image);
  return id_of(gimp_layer_new_from_visible(object, object, name));
}

void delete_image(ImageId image) { gimp_image_delete(image_of(image)); }

GeglBuffer *drawable_buffer(ItemId drawable) { return gimp_drawable_get_buffer(drawable_of(drawable)); }

void drawable_update(ItemId drawable, const PixelRect &rect) {
  gimp_drawable_update(drawable_of(drawable), rect.x, rect.y, rect.width, rect.height);
}

bool resize_image(ImageId image, PixelSize size, PixelOffset offset) {
  return gimp_image_resize(image_of(image), size.width, size.height, offset.x, offset.y);
}

bool run_fill_interactively(ImageId image, ItemId drawable) {
  GimpProcedure *fill = gimp_pdb_lookup_procedure(gimp_get_pdb(), spec::kEditProcedure);
  if (!fill) return false;
  GimpProcedureConfig *config = gimp_procedure_create_config(fill);
  // The dialog starts from GIMP's last values (and the prompt handed over), not from this config.
  g_object_set(config, "run-mode", GIMP_RUN_INTERACTIVE, "image", image_of(image), nullptr);
  GObject *drawables[] = {G_OBJECT(gimp_drawable_get_by_id(drawable.id))};
  if (drawables[0]) gimp_procedure_config_set_core_object_array(config, "drawables", drawables, 1);
  GimpValueArray *answer = gimp_procedure_run_config(fill, config);
  const auto status = static_cast<GimpPDBStatusType>(GIMP_VALUES_GET_ENUM(answer, 0));
  gimp_value_array_unref(answer);
  g_object_unref(config);
  // A fill that ran and failed has said why itself: only a call GIMP refused did not start.
  return status == GIMP_PDB_SUCCESS || status == GIMP_PDB_CANCEL || status == GIMP_PDB_EXECUTION_ERROR;
}

}  // namespace gpt_image::gimp
