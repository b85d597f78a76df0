// The public face of the plug-in: procedure names, argument names, defaults and texts. Scripts
// depend on these, so both GIMP adapters take them from here and register the same order.
// Later arguments may be appended after the existing ones, never inserted or reordered.
// Texts people read are marked N_(): GIMP 3 translates them in the plug-in (_() at registration),
// GIMP 2.10 in the core through the text domain the plug-in registers.
#pragma once

#include "i18n.h"

namespace gpt_image::spec {

constexpr const char *kBinaryName = "gimp-gpt-image";
constexpr const char *kMenuPath = "<Image>/Filters/Generative";
constexpr const char *kAuthor = "gimp-gpt-image developers";
constexpr const char *kCopyright = "gimp-gpt-image developers, GPL-3.0-or-later";
constexpr const char *kDate = "2026";

constexpr const char *kEditProcedure = "plug-in-gpt-image-edit";
constexpr const char *kEditMenuLabel = N_("Generative _Fill...");
constexpr const char *kEditBlurb = N_("Fill the selection with what a prompt describes (OpenAI-compatible Images API)");
constexpr const char *kEditHelp =
    N_("Sends what is visible around the selection, and the selection as a mask, to "
    "{OPENAI_BASE_URL}/images/edits and inserts the answer as a new layer above the active layer, "
    "masked by the selection so every pixel outside it stays exactly as it was. Without a selection "
    "the whole visible image is edited. With more than one variation the layers are put in a layer "
    "group, the first one visible. The connection (base URL, model, key in the system keyring) comes from "
    "Filters ▸ Generative ▸ Settings…; OPENAI_API_KEY, OPENAI_BASE_URL and OPENAI_IMAGE_MODEL override it.");

// Arguments after run-mode, image and drawable(s), in this order.
constexpr const char *kArgPrompt = "prompt";
constexpr const char *kArgQuality = "quality";
constexpr const char *kArgSize = "size";
constexpr const char *kArgVariations = "variations";

// Appended after `variations` (the "Advanced" part of the dialog), in this order.
constexpr const char *kArgBackground = "background";
constexpr const char *kArgInputFidelity = "input-fidelity";
constexpr const char *kArgOutputFormat = "output-format";
constexpr const char *kArgOutputCompression = "output-compression";
constexpr const char *kArgContextMargin = "context-margin";
constexpr const char *kArgFeatherRadius = "feather-radius";
constexpr const char *kArgSample = "sample";
// Appended after `sample` (edge blending and colour matching), in this order.
constexpr const char *kArgColorMatch = "color-match";
constexpr const char *kArgMaskGrow = "mask-grow";
// Appended after `mask-grow` (streaming).
constexpr const char *kArgPartialImages = "partial-images";

constexpr const char *kBackgroundBlurb = N_("Background: auto, transparent (png or webp output) or opaque");
constexpr const char *kInputFidelityBlurb = N_("How closely to keep the input's details: low or high (not gpt-image-1-mini)");
constexpr const char *kOutputFormatBlurb = N_("Format of the answer: png, jpeg or webp");
constexpr const char *kOutputCompressionBlurb = N_("Compression of jpeg or webp answers, 0-100");
constexpr const char *kContextMarginBlurb =
    N_("Pixels of surroundings sent around the selection; -1 = automatic (a quarter of its larger side, at least 32)");
constexpr const char *kFeatherRadiusBlurb =
    N_("Soft edge of the layer mask in pixels; -1 = scaled to the selection's size, 0 = the selection's own edge");
constexpr const char *kSampleBlurb = N_("What the model sees: visible (all visible layers) or layer (the active layer only)");

constexpr const char *kColorMatchBlurb =
    N_("Match the answer's colour and brightness to the original around the selection (1 = on, 0 = off)");
constexpr const char *kMaskGrowBlurb =
    N_("Grow the layer mask beyond the selection by this many pixels; -1 = scaled to the selection's size, 0 = none");

constexpr const char *kPartialImagesBlurb =
    N_("Previews streamed while the image is made, 0-3; 0 = no streaming (each preview costs about 100 output tokens)");

constexpr const char *kDefaultQuality = "medium";
constexpr const char *kDefaultSize = "auto";
constexpr int kDefaultVariations = 1;

constexpr const char *kPromptBlurb = N_("What should appear in the selection");
constexpr const char *kQualityBlurb =
    N_("Rendering quality: auto, low, medium or high; xhigh and max on gpt-image-2.5 and later (the model catalogue "
       "says which model takes which)");
constexpr const char *kSizeBlurb = N_("Request size: auto (chosen from the selection) or WIDTHxHEIGHT the model accepts");
constexpr const char *kVariationsBlurb = N_("How many alternatives to generate (1-10)");
constexpr const char *kResultBlurb = N_("The inserted layer, or the layer group holding all variations");

constexpr const char *kQualities[] = {"auto", "low", "medium", "high"};

// Appended after `partial-images` (reference images): GIMP 3 a drawable array, GIMP 2.10 a count
// and an array of drawable ids.
constexpr const char *kArgReferences = "references";
constexpr const char *kArgNumReferences = "num-references";  // GIMP 2.10 only
constexpr const char *kReferencesBlurb =
    N_("Other layers (of any open image) sent as reference images after the area around the selection, at most 15; "
    "each is scaled down to the request size");
constexpr const char *kNumReferencesBlurb = N_("How many drawable ids follow in references");

// Generate Layer: a new layer from a prompt (and optionally reference images), filling the
// selection's bounding box or the canvas.
constexpr const char *kGenerateProcedure = "plug-in-gpt-image-generate";
constexpr const char *kGenerateMenuLabel = N_("Generate _Layer...");
constexpr const char *kGenerateBlurb = N_("Generate a new layer from a prompt (OpenAI-compatible Images API)");
constexpr const char *kGenerateHelp =
    N_("Sends the prompt to {OPENAI_BASE_URL}/images/generations (with reference images: to /images/edits, the "
    "references as the images) and inserts the answer as a new layer above the active layer, filling the "
    "selection's bounding box, or the canvas when nothing is selected. The request size follows that "
    "rectangle's shape; the answer is scaled to it without distortion: letterboxed into transparency, or "
    "cropped (fit). A transparent background keeps its alpha. With more than one variation the layers are "
    "put in a layer group, the first one visible.");
// Generate Image: the same into a new image.
constexpr const char *kNewProcedure = "plug-in-gpt-image-new";
constexpr const char *kNewMenuPath = "<Image>/File/Create";
constexpr const char *kNewMenuLabel = N_("_Generate Image...");
constexpr const char *kNewBlurb = N_("Generate a new image from a prompt (OpenAI-compatible Images API)");
constexpr const char *kNewHelp =
    N_("Like Filters ▸ Generative ▸ Generate Layer, into a new image of the chosen canvas size: WIDTHxHEIGHT or a "
    "preset (square-post 1080x1080, portrait-post 1080x1350, story 1080x1920, link-preview 1200x630, "
    "landscape-post 1200x675, full-hd, 4k, icon, a4-300dpi). Interactively the new image is shown. A "
    "comma-separated list of canvases (story,square-post,1200x630) makes one image per canvas, at most 3 requests "
    "at a time; a canvas that fails is named and the others are kept. Returns the first image made.");

// Arguments of both generate procedures (after run-mode and image/drawables, or after `canvas`),
// in this order: prompt, quality, size, variations, background, output-format, output-compression,
// partial-images, fit, input-fidelity, then the references.
constexpr const char *kArgCanvas = "canvas";
constexpr const char *kArgFit = "fit";
constexpr const char *kCanvasBlurb = N_("Size of the new image: WIDTHxHEIGHT or a preset name (e.g. story, square-post), or several of them "
    "separated by commas: one image each");
constexpr const char *kGeneratePromptBlurb = N_("What the picture should show");
constexpr const char *kGenerateSizeBlurb =
    N_("Request size: auto (chosen from the target's shape) or WIDTHxHEIGHT the model accepts");
constexpr const char *kFitBlurb =
    N_("When the answer's shape differs from the target: letterbox (whole picture, transparent bars) or crop "
    "(fill the target, cut the overflow)");
constexpr const char *kGenerateInputFidelityBlurb =
    N_("With reference images: how closely to keep their details, low or high (not gpt-image-1-mini)");
constexpr const char *kGenerateReferencesBlurb =
    N_("Layers (of any open image) to use as reference images, at most 16; the first matters most");
constexpr const char *kGenerateResultBlurb = N_("The new layer, or the layer group holding all variations");
constexpr const char *kNewResultBlurb = N_("The new image (with several canvases: the first one made)");

constexpr const char *kSettingsProcedure = "plug-in-gpt-image-settings";
constexpr const char *kSettingsMenuLabel = N_("_Settings...");
constexpr const char *kSettingsBlurb = N_("Connection settings for Generative Fill: endpoint, model, key");
constexpr const char *kSettingsHelp =
    N_("Interactively: a dialog for the base URL, model, organization and project ids, timeout, CA file and the "
    "API key (kept in the system keyring), with a connection test. Non-interactively: saves the given "
    "settings (every argument) to the settings file in GIMP's profile; the key is never an argument.");
// Arguments after run-mode, in this order.
constexpr const char *kArgBaseUrl = "base-url";
constexpr const char *kArgModel = "model";
constexpr const char *kArgOrganization = "organization";
constexpr const char *kArgProject = "project";
constexpr const char *kArgTimeout = "timeout";
constexpr const char *kArgCaFile = "ca-file";
constexpr const char *kArgRetries = "retries";
constexpr const char *kArgConnectTimeout = "connect-timeout";
constexpr const char *kArgStallTimeout = "stall-timeout";

constexpr const char *kBaseUrlBlurb = N_("OpenAI-compatible base URL");
constexpr const char *kModelBlurb = N_("Image model");
constexpr const char *kOrganizationBlurb = N_("OpenAI-Organization (optional)");
constexpr const char *kProjectBlurb = N_("OpenAI-Project (optional)");
constexpr const char *kTimeoutBlurb = N_("Request timeout in seconds");
constexpr const char *kCaFileBlurb = N_("Extra CA bundle for private relays");
constexpr const char *kRetriesBlurb = N_("Retries after rate limits, server errors and dropped connections");
constexpr const char *kConnectTimeoutBlurb = N_("Seconds to wait for a connection to the server");
constexpr const char *kStallTimeoutBlurb =
    N_("Seconds without data while sending or receiving before giving up (not while the model works); 0 = never");

// Remove: the fill without a prompt; the request asks the model to take away what is selected.
constexpr const char *kRemoveProcedure = "plug-in-gpt-image-remove";
constexpr const char *kRemoveMenuLabel = N_("_Remove...");
constexpr const char *kRemoveBlurb = N_("Remove what is selected and continue the surroundings (OpenAI-compatible Images API)");
constexpr const char *kRemoveHelp =
    N_("Like Generative Fill, without a prompt: the request asks the model to remove what is inside the selection and "
    "to continue the surroundings (background, texture, light and perspective) without adding anything. An optional "
    "hint says what to remove (\"the bench and its shadow\"). The answer is inserted as a new layer named "
    "\"Remove: …\" above the active layer, masked by the selection, so every pixel outside it stays as it was. "
    "Needs a selection.");
// Arguments after run-mode, image and drawable(s): `hint`, then Generative Fill's after its prompt.
constexpr const char *kArgHint = "hint";
constexpr const char *kHintBlurb =
    N_("Optional: what to remove, in a few words (e.g. the bench and its shadow); blank = whatever is selected");
// Generative Expand: grow the canvas and let the model continue the picture into the new area.
constexpr const char *kExpandProcedure = "plug-in-gpt-image-expand";
constexpr const char *kExpandMenuLabel = N_("Generative E_xpand...");
constexpr const char *kExpandBlurb =
    N_("Grow the canvas and continue the picture into the new area (OpenAI-compatible Images API)");
constexpr const char *kExpandHelp =
    N_("Sends what is visible, with the new area transparent and masked, to {OPENAI_BASE_URL}/images/edits and "
    "grows the canvas to the chosen size, the picture where the anchor says. The answer becomes a new layer over "
    "the whole canvas, masked to the new area plus a soft band into the picture; every existing layer keeps its "
    "pixels. When the new canvas is larger than one request can show at the model's size, several requests "
    "cover it, nearest the picture first, each seeing the picture or the answers before it. The whole expansion "
    "is one undo step; a failure leaves the image as it was, canvas size included.");
// Arguments after run-mode, image and drawable(s): prompt, canvas, anchor, quality, variations,
// background, input-fidelity, output-format, output-compression, feather-radius, partial-images,
// then the references.
constexpr const char *kArgAnchor = "anchor";
constexpr const char *kExpandPromptBlurb =
    N_("What the new area should show; blank: continue the picture naturally, matching its light and perspective");
constexpr const char *kExpandCanvasBlurb =
    N_("The new canvas: WIDTHxHEIGHT, an aspect such as 16:9 (the least growth that reaches it) or a preset of "
    "Generate Image; never smaller than the image");
constexpr const char *kAnchorBlurb = N_("Where the existing picture stays on the new canvas");
constexpr const char *kBlendBandBlurb =
    N_("Width in pixels of the soft band where the new area blends into the picture; -1 = scaled to the picture's size");
constexpr const char *kExpandReferencesBlurb =
    N_("Other layers (of any open image) sent as reference images with every request, at most 15; each is scaled "
    "down to the request size");

// Usage: the usage ledger's totals for scripts (the settings dialog shows the same figures). No
// menu entry; arguments: run-mode only.
constexpr const char *kUsageProcedure = "plug-in-gpt-image-usage";
constexpr const char *kUsageBlurb = N_("What the plug-in's calls cost and how they went, from its usage ledger");
constexpr const char *kUsageHelp =
    N_("Reads the usage ledger, <GIMP profile>/gimp-gpt-image/usage.csv (one line per request the plug-in sent), and "
    "returns its totals: calls and failures of all time, the spend this month and of all time in USD, the calls this "
    "month, the median seconds of the answered calls and how many calls had no known cost (not in the spend). Months "
    "are UTC. A missing ledger gives zeros.");
constexpr const char *kUsageCallsBlurb = N_("Calls of all time (answered, failed, cancelled and taken from the cache)");
constexpr const char *kUsageFailuresBlurb = N_("Calls of all time that failed");
constexpr const char *kUsageSpendMonthBlurb = N_("Known spend this month (UTC) in USD");
constexpr const char *kUsageSpendAllBlurb = N_("Known spend of all time in USD");
constexpr const char *kUsageCallsMonthBlurb = N_("Calls this month (UTC)");
constexpr const char *kUsageMedianBlurb = N_("Median seconds of the answered calls of all time; 0 when there are none");
constexpr const char *kUsageUnknownBlurb = N_("Calls of all time whose cost is unknown (not in the spend)");
// History: the results kept in the result cache (result_cache.h), browsed and put back into an image.
constexpr const char *kHistoryProcedure = "plug-in-gpt-image-history";
constexpr const char *kHistoryMenuLabel = N_("_History...");
constexpr const char *kHistoryBlurb = N_("Browse the results of past calls and insert one as a layer");
constexpr const char *kHistoryHelp =
    N_("Interactively: a window listing the results kept in the result cache, newest first, each with its "
    "thumbnail, prompt, model, quality, size, cost and date; a search field narrows them by prompt. \"Insert as "
    "layer\" puts the chosen result into the image as a new layer above the active layer, scaled by GIMP to the "
    "selection's bounding box or the canvas, as one undo step; \"Use prompt\" opens Generative Fill with its "
    "prompt. Non-interactively: inserts the entry named by `entry` (\"latest\", a key or a unique prefix of one, "
    "as the window shows them) the same way. Nothing is sent and nothing is paid.");
// Arguments after run-mode, image and drawable(s).
constexpr const char *kArgEntry = "entry";
constexpr const char *kEntryBlurb =
    N_("Which result: latest, or a key of the result cache or its first digits (at least 4)");
constexpr const char *kHistoryResultBlurb = N_("The inserted layer");
// Issue 19 (result cache): appended after the last argument of every procedure that calls the API
// (edit, generate, new, remove, expand).
constexpr const char *kArgCache = "cache";
constexpr const char *kCacheBlurb =
    N_("off: always send the request; reuse: an identical earlier request's answer is taken from the result cache "
       "(nothing is sent, nothing is paid)");

}  // namespace gpt_image::spec
