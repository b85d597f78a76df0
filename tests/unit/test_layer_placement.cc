#include <gtest/gtest.h>

#include <map>
#include <vector>

#include "errors.h"
#include "layer_placement.h"

using namespace gpt_image;

namespace {

// Records what placement asks of the image, and can fail on the n-th layer.
class RecordingTarget : public LayerTarget {
 public:
  struct Item {
    std::string name;
    ItemId group = 0;
    int index = 0;
    bool is_group = false, masked = false, visible = true;
    int grow = 0;
    int feather = 0;
    PixelRect at;
  };
  void begin_undo_group() override { ++undo_depth, ++undo_groups; }
  void end_undo_group() override { --undo_depth; }
  ItemId insert_group(const std::string &name) override {
    items[next] = Item{name, 0, 0, true, false, true, 0, 0, {}};
    return next++;
  }
  ItemId insert_layer(const std::string &name, ItemId group, int index, const Raster &, const PixelRect &at) override {
    if (fail_on_layer == ++layers_inserted) throw GenerativeError(ErrorKind::Host, "GIMP could not add the new layer.");
    items[next] = Item{name, group, index, false, false, true, 0, 0, at};
    return next++;
  }
  void add_selection_mask(ItemId layer, int grow, int feather) override {
    items.at(layer).grow = grow;
    items.at(layer).masked = true;
    items.at(layer).feather = feather;
  }
  void set_visible(ItemId item, bool visible) override { items.at(item).visible = visible; }
  void remove(ItemId item) override {
    for (auto it = items.begin(); it != items.end();)
      it = (it->first == item || it->second.group == item) ? items.erase(it) : std::next(it);
  }

  std::map<ItemId, Item> items;
  int undo_depth = 0, undo_groups = 0, layers_inserted = 0, fail_on_layer = 0;
  ItemId next = 10;
};

FillPlacement placement(int layers, bool selection) {
  FillPlacement p;
  p.at = {5, 6, 7, 8};
  p.layer_name = "Generative Fill: a lamp";
  p.has_selection = selection;
  for (int i = 0; i < layers; ++i) p.layers.emplace_back(7, 8, 4);
  return p;
}

}  // namespace

TEST(LayerPlacement, OneLayerWithMaskInOneUndoGroup) {
  RecordingTarget target;
  const auto id = place_fill_layers(target, placement(1, true));
  ASSERT_EQ(target.items.size(), 1u);
  const auto &layer = target.items.at(id);
  EXPECT_EQ(layer.name, "Generative Fill: a lamp");
  EXPECT_EQ(layer.group, 0);  // directly above the active layer
  EXPECT_TRUE(layer.masked);
  EXPECT_TRUE(layer.visible);
  EXPECT_EQ(layer.at, (PixelRect{5, 6, 7, 8}));
  EXPECT_EQ(target.undo_groups, 1);
  EXPECT_EQ(target.undo_depth, 0);
}

TEST(LayerPlacement, VariationsGoIntoAGroupFirstVisible) {
  RecordingTarget target;
  const auto group = place_fill_layers(target, placement(3, true));
  ASSERT_EQ(target.items.size(), 4u);
  EXPECT_TRUE(target.items.at(group).is_group);
  EXPECT_EQ(target.items.at(group).name, "Generative Fill: a lamp");
  int seen = 0;
  for (const auto &[id, item] : target.items) {
    if (id == group) continue;
    EXPECT_EQ(item.group, group);
    EXPECT_EQ(item.name, "Generative Fill: a lamp #" + std::to_string(item.index + 1));
    EXPECT_EQ(item.visible, item.index == 0);
    EXPECT_TRUE(item.masked);
    ++seen;
  }
  EXPECT_EQ(seen, 3);
  EXPECT_EQ(target.undo_groups, 1);
}

TEST(LayerPlacement, MasksCarryTheFeatherRadius) {
  RecordingTarget target;
  FillPlacement p = placement(2, true);
  p.feather_radius = 12;
  p.mask_grow = 3;
  const auto group = place_fill_layers(target, p);
  for (const auto &[id, item] : target.items) {
    if (id != group) {
      EXPECT_EQ(item.feather, 12);
      EXPECT_EQ(item.grow, 3);
    }
  }
}

TEST(LayerPlacement, NoSelectionMeansNoMask) {
  RecordingTarget target;
  const auto id = place_fill_layers(target, placement(1, false));
  EXPECT_FALSE(target.items.at(id).masked);
}

TEST(LayerPlacement, AFailureRemovesEverythingAndClosesTheUndoGroup) {
  RecordingTarget target;
  target.fail_on_layer = 2;
  EXPECT_THROW(place_fill_layers(target, placement(3, true)), GenerativeError);
  EXPECT_TRUE(target.items.empty());
  EXPECT_EQ(target.undo_depth, 0);
  RecordingTarget single;
  single.fail_on_layer = 1;
  EXPECT_THROW(place_fill_layers(single, placement(1, true)), GenerativeError);
  EXPECT_TRUE(single.items.empty());
  EXPECT_EQ(single.undo_depth, 0);
}
