// The libgimp calls the image access needs, without a libgimp type: GIMP 2.10 names images and
// items by gint32 ids, GIMP 3 by objects, and both give every object an id. So the handles here are
// those ids in both versions, and the code above this header (image_access.cc) is written once.
// gimp2/gimp2_facade.cc passes the ids through; gimp3/gimp3_facade.cc looks the objects up by id,
// which for every object the plug-in has already been handed (arguments, listed layers, layers it
// made) is a lookup in libgimp's own table, not a call to GIMP.
//
// Each function makes the same libgimp calls the version-specific code made before, one for one,
// so a run asks GIMP exactly as often as it did (bench/gimp_bench.py measures the plug-in's cost).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "geometry.h"

typedef struct _GeglBuffer GeglBuffer;

namespace gpt_image::gimp {

// An image's id; 0 (or less) is none.
struct ImageId {
  int id = 0;
  explicit operator bool() const { return id > 0; }
  bool operator==(const ImageId &o) const { return id == o.id; }
};

// A layer's, layer group's, layer mask's or channel's id; 0 (or less) is none.
struct ItemId {
  int id = 0;
  explicit operator bool() const { return id > 0; }
};

struct PixelOffset {
  int x = 0;
  int y = 0;
};

// GIMP 2.10 takes references as item ids from scripts, so an id that names nothing is a typing
// mistake worth quoting back; GIMP 3 hands over objects, which go missing only when deleted. The two
// versions therefore word a missing reference differently (image_access.cc).
extern const bool kScriptsPassItemIds;

// Images.
bool image_is_valid(ImageId image);
PixelSize image_size(ImageId image);
bool image_is_indexed(ImageId image);
std::string image_name(ImageId image);
std::vector<ImageId> open_images();
// The top-level layers, top first.
std::vector<ItemId> image_layers(ImageId image);
// The bounds of the selection; none when nothing is selected.
std::optional<PixelRect> selection_bounds(ImageId image);
ItemId selection_channel(ImageId image);
bool has_floating_selection(ImageId image);
int item_position(ImageId image, ItemId item);

// What an item is ("a layer" includes groups and text layers, as in libgimp).
bool item_is_valid(ItemId item);
bool is_layer(ItemId item);
bool is_group(ItemId item);
bool is_layer_mask(ItemId item);
bool is_drawable(ItemId item);
// A group's children, top first.
std::vector<ItemId> group_children(ItemId group);
ImageId item_image(ItemId item);
std::string item_name(ItemId item);
// The group holding `item`; none at the top level.
ItemId item_parent(ItemId item);
bool item_visible(ItemId item);
void set_item_visible(ItemId item, bool visible);
PixelOffset drawable_offsets(ItemId drawable);
PixelSize drawable_size(ItemId drawable);

// How a layer blends; what decides whether its own pixels are all that is visible.
double layer_opacity(ItemId layer);
bool layer_has_mask(ItemId layer);
bool layer_mode_is_normal(ItemId layer);       // normal, or the legacy normal
bool layer_composite_is_union(ItemId layer);   // union, or auto (which is union for normal)
ItemId layer_of_mask(ItemId mask);

// Changing an image. The inserting calls return none when GIMP refused.
// A new RGBA layer (GRAYA in a grey image) named `name`, inserted into `parent` (none: the top
// level) at `position` and moved to `at`'s corner; `at`'s size is the layer's.
ItemId insert_layer(ImageId image, const std::string &name, const PixelRect &at, ItemId parent, int position);
// An empty layer group named `name`, inserted as insert_layer() does.
ItemId insert_layer_group(ImageId image, const std::string &name, ItemId parent, int position);
// `layer` scaled to cover `to` (canvas coordinates) with GIMP's cubic interpolation, the user's
// context left as it was. False when GIMP refused.
bool scale_layer(ItemId layer, const PixelRect &to);
// A mask added to `layer`, filled white (all shown) or black (all hidden) by GIMP.
ItemId add_filled_mask(ItemId layer, bool white);
void remove_layer(ImageId image, ItemId layer);
void delete_item(ItemId item);
void undo_group_start(ImageId image);
void undo_group_end(ImageId image);
void undo_disable(ImageId image);
void undo_enable(ImageId image);

// New images (Generate Image): an empty RGB image, marked as saved once filled, and shown.
ImageId new_rgb_image(PixelSize size);
void mark_clean(ImageId image);
void show_in_display(ImageId image);

// Whole images, for reading what is visible in a region.
ImageId duplicate_image(ImageId image);
bool crop_image(ImageId image, const PixelRect &rect);
// The visible pixels flattened into a new layer of `image` (not inserted).
ItemId layer_from_visible(ImageId image, const char *name);
void delete_image(ImageId image);

// Pixels: the drawable's GEGL buffer (the caller unrefs it), and the redraw after writing.
GeglBuffer *drawable_buffer(ItemId drawable);
void drawable_update(ItemId drawable, const PixelRect &rect);

// Generative Expand: the canvas set to `size` with every layer moved by `offset` (layers keep their
// own size and pixels). False when GIMP refused.
bool resize_image(ImageId image, PixelSize size, PixelOffset offset);

// History's "Use prompt": Generative Fill run interactively on `image` (its dialog opens). False
// when GIMP refused to start it; a cancelled dialog or a fill that failed (and said so) is not.
bool run_fill_interactively(ImageId image, ItemId drawable);

}  // namespace gpt_image::gimp
