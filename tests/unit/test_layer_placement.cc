#include <gtest/gtest.h>

#include <map>
#include <vector>

#include "errors.h"
#include "layer_placement.h"
#include "resample.h"

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
    Raster mask;
    PixelRect at;
    Raster pixels;         // the layer's pixels, put together from the bands it was given
  };
  State state() override { return now; }
  void begin_undo_group() override { ++undo_depth, ++undo_groups; }
  void end_undo_group() override { --undo_depth; }
  ItemId insert_group(const std::string &name) override {
    items[next] = Item{name, 0, 0, true, false, true, {}, {}, {}};
    return next++;
  }
  // Reads the pixels in bands of `band_rows`, as the host writes them.
  ItemId insert_layer(const std::string &name, ItemId group, int index, const LayerPixels &pixels,
                      const PixelRect &at) override {
    if (fail_on_layer == ++layers_inserted) throw GenerativeError(ErrorKind::Host, "GIMP could not add the new layer.");
    Item item{name, group, index, false, false, true, {}, at, Raster(pixels.size().width, pixels.size().height, 4)};
    for (int first = 0; first < item.pixels.height; first += band_rows) {
      const Raster band = pixels.rows(first, std::min(band_rows, item.pixels.height - first));
      EXPECT_EQ(band.size(), (PixelSize{item.pixels.width, std::min(band_rows, item.pixels.height - first)}));
      std::copy(band.pixels.begin(), band.pixels.end(), item.pixels.at(0, first));
    }
    items[next] = std::move(item);
    return next++;
  }
  void add_mask(ItemId layer, const Raster &mask) override {
    items.at(layer).masked = true;
    items.at(layer).mask = mask;
  }
  void set_visible(ItemId item, bool visible) override { items.at(item).visible = visible; }
  void remove(ItemId item) override {
    for (auto it = items.begin(); it != items.end();)
      it = (it->first == item || it->second.group == item) ? items.erase(it) : std::next(it);
  }

  State now{true, {40, 30}, true};  // what state() reports: the canvas of placement() below
  std::map<ItemId, Item> items;
  int undo_depth = 0, undo_groups = 0, layers_inserted = 0, fail_on_layer = 0, band_rows = 3;
  ItemId next = 10;
};

LayersToPlace placement(int layers, bool selection) {
  LayersToPlace p;
  p.at = {5, 6, 7, 8};
  p.layer_name = "Generative Fill: a lamp";
  p.has_selection = selection;
  p.canvas = PixelSize{40, 30};
  if (selection) {  // a 3x2 block selected at (2, 3) of the 7x8 area
    p.selection = Raster(7, 8, 1, 0);
    for (int y = 3; y < 5; ++y)
      for (int x = 2; x < 5; ++x) *p.selection.at(x, y) = 255;
  }
  for (int i = 0; i < layers; ++i) p.layers.emplace_back(7, 8, 4);
  return p;
}

// The selected pixels of a 1-channel mask, as "x,y" strings.
std::vector<std::string> selected_pixels(const Raster &mask) {
  std::vector<std::string> out;
  for (int y = 0; y < mask.height; ++y)
    for (int x = 0; x < mask.width; ++x)
      if (*mask.at(x, y)) out.push_back(std::to_string(x) + "," + std::to_string(y) + "=" + std::to_string(*mask.at(x, y)));
  return out;
}

}  // namespace

TEST(LayerPlacement, OneLayerWithMaskInOneUndoGroup) {
  RecordingTarget target;
  const auto id = place_layers(target, placement(1, true));
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
  const auto group = place_layers(target, placement(3, true));
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

TEST(LayerPlacement, TheMaskIsTheCapturedSelection) {
  RecordingTarget target;
  const auto id = place_layers(target, placement(1, true));
  const Raster &mask = target.items.at(id).mask;
  ASSERT_EQ(mask.width, 7);
  ASSERT_EQ(mask.height, 8);
  ASSERT_EQ(mask.channels, 1);
  EXPECT_EQ(selected_pixels(mask), (std::vector<std::string>{"2,3=255", "3,3=255", "4,3=255", "2,4=255", "3,4=255",
                                                             "4,4=255"}));
}

TEST(LayerPlacement, MasksAreGrownAsAsked) {
  RecordingTarget target;
  LayersToPlace p = placement(2, true);
  p.mask_grow = 1;  // a disc of radius 1: the 3x2 block gains its four edge neighbours' rows and columns
  const auto group = place_layers(target, p);
  for (const auto &[id, item] : target.items) {
    if (id == group) continue;
    ASSERT_TRUE(item.masked);
    EXPECT_EQ(*item.mask.at(1, 3), 255);   // left of the block
    EXPECT_EQ(*item.mask.at(5, 4), 255);   // right of it
    EXPECT_EQ(*item.mask.at(3, 2), 255);   // above
    EXPECT_EQ(*item.mask.at(3, 5), 255);   // below
    EXPECT_EQ(*item.mask.at(0, 0), 0);     // far away
    EXPECT_EQ(*item.mask.at(3, 7), 0);
    EXPECT_EQ(*item.mask.at(1, 2), 0);     // the diagonal is more than 1 px away
  }
}

TEST(LayerPlacement, RefusedUntouchedWhenTheCanvasChanged) {
  RecordingTarget target;
  target.now.canvas = {40, 20};  // cropped while the answer was on its way
  try {
    place_layers(target, placement(3, true));
    FAIL() << "placement was not refused";
  } catch (const GenerativeError &e) {
    EXPECT_EQ(e.kind(), ErrorKind::Host);
    EXPECT_NE(std::string(e.what()).find("40x30"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("40x20"), std::string::npos) << e.what();
  }
  EXPECT_TRUE(target.items.empty());
  EXPECT_EQ(target.undo_groups, 0);  // nothing was even begun
}

TEST(LayerPlacement, RefusedUntouchedWhenTheAnchorOrImageIsGone) {
  RecordingTarget deleted;
  deleted.now.anchor_present = false;
  EXPECT_THROW(place_layers(deleted, placement(1, true)), GenerativeError);
  EXPECT_TRUE(deleted.items.empty());
  EXPECT_EQ(deleted.undo_groups, 0);
  RecordingTarget closed;
  closed.now = {false, {}, false};
  EXPECT_THROW(place_layers(closed, placement(1, false)), GenerativeError);
  EXPECT_TRUE(closed.items.empty());
  EXPECT_EQ(closed.undo_groups, 0);
}

TEST(LayerPlacement, NoCanvasRecordedMeansNoCanvasCheck) {
  RecordingTarget target;
  target.now.canvas = {1, 1};
  LayersToPlace p = placement(1, false);
  p.canvas.reset();
  EXPECT_NO_THROW(place_layers(target, p));
  EXPECT_EQ(target.items.size(), 1u);
}

TEST(LayerPlacement, NoSelectionMeansNoMask) {
  RecordingTarget target;
  const auto id = place_layers(target, placement(1, false));
  EXPECT_FALSE(target.items.at(id).masked);
}

TEST(LayerPlacement, AFailureRemovesEverythingAndClosesTheUndoGroup) {
  RecordingTarget target;
  target.fail_on_layer = 2;
  EXPECT_THROW(place_layers(target, placement(3, true)), GenerativeError);
  EXPECT_TRUE(target.items.empty());
  EXPECT_EQ(target.undo_depth, 0);
  RecordingTarget single;
  single.fail_on_layer = 1;
  EXPECT_THROW(place_layers(single, placement(1, true)), GenerativeError);
  EXPECT_TRUE(single.items.empty());
  EXPECT_EQ(single.undo_depth, 0);
}

// A smooth RGBA picture (gradients), so scaling it up keeps it close to the original.
Raster gradient(int width, int height) {
  Raster out(width, height, 4);
  for (int y = 0; y < height; ++y)
    for (int x = 0; x < width; ++x) {
      std::uint8_t *p = out.at(x, y);
      p[0] = static_cast<std::uint8_t>(255 * x / std::max(1, width - 1));
      p[1] = static_cast<std::uint8_t>(255 * y / std::max(1, height - 1));
      p[2] = 90, p[3] = 255;
    }
  return out;
}

// A region larger than the answer: the answer covers the frame at its own resolution, and the
// layer placed over the region is the region's part of it scaled up, handed over band by band
// (never the whole layer at once), then masked with the region's mask.
TEST(LayerPlacement, AnswerAtItsOwnSizeIsScaledUpToTheRegionBandByBand) {
  RecordingTarget target;
  LayersToPlace p = placement(1, true);
  p.scaled_to = PixelRect{3, 4, 14, 16};  // the frame, containing p.at = {5, 6, 7, 8}
  p.layers[0] = gradient(7, 8);           // the answer at half the frame's resolution
  const auto id = place_layers(target, p);
  const auto &layer = target.items.at(id);
  EXPECT_EQ(layer.at, (PixelRect{5, 6, 7, 8}));
  // The same rows as scaling the whole answer to the frame and keeping the region's part.
  const Raster whole = resample_lanczos3(p.layers[0], {14, 16}, {0, 0, 14, 16});
  Raster expected(7, 8, 4);
  for (int y = 0; y < 8; ++y)
    for (int x = 0; x < 7; ++x) std::copy_n(whole.at(2 + x, 2 + y), 4, expected.at(x, y));
  EXPECT_EQ(layer.pixels.pixels, expected.pixels);
  // And that is the answer's own picture, twice as large: the frame's pixel (2 + x, 2 + y) lies
  // near the answer's pixel ((2 + x) / 2, (2 + y) / 2).
  EXPECT_NEAR(layer.pixels.at(6, 7)[0], p.layers[0].at(4, 4)[0], 30);
  EXPECT_NEAR(layer.pixels.at(0, 0)[1], p.layers[0].at(1, 1)[1], 30);
  EXPECT_TRUE(layer.masked);
  EXPECT_EQ(layer.mask.size(), (PixelSize{7, 8}));
  EXPECT_EQ(target.undo_groups, 1);
  EXPECT_EQ(target.undo_depth, 0);
}

// Layers that do not fit where they go are refused before the image is touched.
TEST(LayerPlacement, ALayerThatDoesNotFitTheRegionIsRefusedBeforeAnythingIsInserted) {
  RecordingTarget target;
  LayersToPlace wrong_size = placement(2, true);
  wrong_size.layers[1] = Raster(7, 9, 4);
  EXPECT_THROW(place_layers(target, wrong_size), std::invalid_argument);
  LayersToPlace outside = placement(1, true);
  outside.scaled_to = PixelRect{6, 6, 14, 16};  // does not contain p.at = {5, 6, 7, 8}
  EXPECT_THROW(place_layers(target, outside), std::invalid_argument);
  EXPECT_TRUE(target.items.empty());
  EXPECT_EQ(target.undo_groups, 0);
}

TEST(LayerPlacement, AFailedScaledLayerRemovesWhatWasInsertedAndClosesTheUndoGroup) {
  RecordingTarget target;
  target.fail_on_layer = 2;
  LayersToPlace p = placement(2, true);
  p.scaled_to = PixelRect{3, 4, 14, 16};
  p.layers = {gradient(7, 8), gradient(7, 8)};
  EXPECT_THROW(place_layers(target, p), GenerativeError);
  EXPECT_TRUE(target.items.empty());
  EXPECT_EQ(target.undo_depth, 0);
}

TEST(LayerPixels, RowsOutsideTheLayerAreRefused) {
  const Raster answer = gradient(7, 8);
  const ScaledLayerPixels scaled(answer, {14, 16}, {2, 2, 7, 8});
  EXPECT_EQ(scaled.rows(5, 3).size(), (PixelSize{7, 3}));
  EXPECT_THROW(scaled.rows(6, 3), std::out_of_range);
  EXPECT_THROW(scaled.rows(-1, 2), std::out_of_range);
  const WholeLayerPixels whole(answer);
  EXPECT_EQ(whole.rows(7, 1).pixels, std::vector<std::uint8_t>(answer.at(0, 7), answer.at(0, 7) + 28));
  EXPECT_THROW(whole.rows(7, 2), std::out_of_range);
}
