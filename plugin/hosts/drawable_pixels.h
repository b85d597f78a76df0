// Reading and writing a drawable's pixels through GEGL, on the facade's drawable ids (the same
// calls in GIMP 2.10 and 3).
#pragma once

#include <functional>
#include <vector>

#include "gimp_facade.h"
#include "layer_pixels.h"
#include "raster.h"

namespace gpt_image {

// `rect` in the drawable's own coordinates; what lies outside it reads as transparent / zero.
Raster read_drawable_pixels(gimp::ItemId drawable, const PixelRect &rect, const char *format, int channels);

// A drawable's pixels as 8-bit sRGB with alpha, `rect` in the drawable's own coordinates; what lies
// outside the drawable reads as transparent.
Raster read_drawable_rgba(gimp::ItemId drawable, const PixelRect &rect);

// The same, handed to `take` a band of rows at a time, top to bottom (each band rect.width wide).
void read_drawable_rgba_bands(gimp::ItemId drawable, const PixelRect &rect, const std::function<void(Raster)> &take);

// Replaces the drawable's pixels from (0, 0) and tells GIMP to redraw them.
void write_drawable_pixels(gimp::ItemId drawable, const Raster &pixels, const char *format);

// The size of the tiles of the drawable's buffer as this plug-in sees it: every tile a read or write
// touches is a round trip to GIMP, and a tile written in part is first read back.
PixelSize drawable_tile_size(gimp::ItemId drawable);

// Writes `parts` of `pixels` (rectangles in its coordinates, top to bottom) into the drawable at the
// same place, and tells GIMP to redraw the whole of `pixels`' area. The rest keeps what it held.
void write_drawable_parts(gimp::ItemId drawable, const Raster &pixels, const std::vector<PixelRect> &parts,
                          const char *format);

// Replaces the drawable's pixels (R'G'B'A u8) from (0, 0) with `pixels`, made a band of rows at a
// time: each band is made while the one before is written, and is flushed to GIMP at once, so the
// plug-in holds two bands, not the layer. (Every read and write here goes a band at a time.)
void write_drawable_bands(gimp::ItemId drawable, const LayerPixels &pixels);

}  // namespace gpt_image
