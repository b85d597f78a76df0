#!/usr/bin/python3
"""A stand-in of the OpenAI Images API for tests and the demo, on loopback only.

It validates each request the way the real API documents it (images-api.md), rejects a malformed
one with an OpenAI-style error body, answers deterministically, and records what it received.
It is a strict contract: what the real API refuses, it refuses with HTTP 400 and
{"error": {"message", "type": "invalid_request_error", "param": <field or null>, "code"}}:
  - multipart: a Content-Type without boundary, a body without its closing boundary, an image part
    whose declared content type is not image/png, image/jpeg or image/webp (or is missing, or does
    not match the bytes), a mask part that is not image/png, a field sent twice (only image[]
    repeats, up to 16; image and image[] are not mixed), an unknown field, an empty field, a file
    where a text field belongs, an integer field that is not digits;
  - per model: gpt-image-2 and later take sizes of 655,360 to 8,294,400 pixels only; quality
    xhigh and max only on gpt-image-2.5 and 2.6; dall-e-2 takes no output_format, output_compression, background, input_fidelity,
    stream, partial_images or moderation; input_fidelity only for gpt-image-1 and gpt-image-1.5
    (not gpt-image-1-mini, not gpt-image-2 and later); output_compression only 0-100 and only
    with an explicit jpeg or webp output_format; background transparent with jpeg (edits and
    generations);
  - JSON bodies: each field of its type (n, output_compression, partial_images integers and not
    booleans, stream a boolean, the rest strings), no empty strings.
size=auto answers at the size the model would choose: for gpt-image models the standard size
(1024x1024, 1536x1024, 1024x1536) nearest the first image's aspect ratio (1024x1024 for a
generation), never the upload's own size; dall-e-2's default size is 1024x1024.
tests/standin/test_standin.py has one check per rule.

POST /v1/images/generations (JSON) is validated the same way and answered with a gradient in the
prompt's colour, or a coloured disc on transparent pixels for background "transparent".

Answers to POST /v1/images/edits: the input image at the requested size where the mask keeps it
(optionally colour-shifted by --gain/--offset, to mimic a real model that repaints everything) and
a flat colour derived from the prompt (and the variation's index) where the mask's alpha is 0.
Without a mask the whole image is half tinted with that colour. A prompt containing
"standin-identity" is answered with the (colour-shifted) input everywhere, mask or not, and
"standin-identity-exact" with the input as it came: the seam and alignment measurements use them.

A prompt containing "standin-fail:STATUS:CODE:MESSAGE" (CODE may be empty) is validated as usual
and then answered with that error, so a test can fail one particular call without shared state;
"standin-fail-once:..." fails only the first request with that prompt (to test retries). A 429
from a marker carries "retry-after: 1", as a rate-limited real server would ask for a pause.
"standin-fail-size:WxH:STATUS:CODE:MESSAGE" fails only the requests whose size is WxH, so a test
sending one prompt at several sizes side by side (Generate Image with several canvases) knows which
one fails.

Transport and answer faults, after the request was validated, with "standin-fault:NAME[:ARG]" in
the prompt (every time) or "standin-fault-once:NAME[:ARG]" (first request with that prompt only):
  reset           half the answer, then the connection is reset (RST)
  truncate        half the answer, then the connection is closed though more was announced
  hang[:S]        no answer at all for S seconds (default: an hour)
  think[:S]       the whole answer after S seconds of silence, as a model at work
  stall[:S]       half the answer, a pause of S seconds, then the rest
  drip[:S]        the answer in 4 pieces with S seconds between them
  malformed_json  "200 OK" with a body that is not JSON
  bad_base64      b64_json that is not base64
  not_image       b64_json that decodes to bytes that are no image
  wrong_shape     an image of another aspect ratio than asked
  half_size       the image at half the size asked (same aspect ratio)
  fewer           one image fewer than asked
  huge[:MB]       a "200 OK" body of MB mebibytes (default 100) of JSON whitespace
Hostile relays (same markers), for the plug-in's handling of what a server may send back:
  echo_key        401 "Incorrect API key provided: <the bearer token received>" (the key echoed)
  echo_bearer     401 whose message quotes the whole Authorization header ("Bearer <key>")
  echo_request_id 401 with the whole Authorization header as its x-request-id
  echo_key_event  a stream whose error event quotes the key and the whole Authorization header
  control_chars   400 whose message holds terminal escapes, CR, BEL and backspaces
  deep_error[:N]  400 whose JSON body nests N arrays (default 100000) under "error"
  deep_event[:N]  a stream whose completed event's JSON nests N arrays (default 100000)
  preview_flood[:N]  a stream of N partial_image events (default 40), each a small PNG that
                  decodes to 8192x8192, then the completed image

Control endpoints for tests (not part of the real API):
  POST /_control  {"fail_next": [{"status": 429, "message": "...", "code": null, "param": null,
                                  "headers": {"retry-after": "1"}}],
                   "gain": 1.0, "offset": 0, "serve_models": ["relay-model-name"]}
  GET  /_requests  the recorded requests (fields, file sizes and dimensions), oldest first; each
                   image request's "in_flight" is how many image requests the stand-in was serving
                   (arrived, answer not yet begun) when it arrived, itself included: a client's
                   concurrency limit shows there; "answered" is when its answer began (so a
                   test can count the overlap of its own requests alone)
Uploaded files are stored as <record-dir>/<index>/<field>.png.

With stream=true the answer is server-sent events (partial previews, then the completed image;
see Handler.send_stream); "standin-stream-ignore" in the prompt answers plain JSON instead, like a
relay that ignores `stream`.

A lazy relay, with "standin-lazy:FIELD,FIELD..." in the prompt: the request is validated as
strictly as ever, then the listed fields are ignored the way relays do it, and the answer shows it
as a real one would (edits; size, quality, output_format and stream for generations too):
  size        the image comes at half the size asked (same aspect), and "size" says so
  quality     "quality" names another quality than asked (high, or low when high was asked)
  output_format  the image comes as PNG ("output_format": "png"), or as WebP when PNG was asked
  background  the area to edit comes back transparent (alpha 0), "background": "transparent"
  stream      a plain JSON answer to stream=true
  mask        the whole picture is repainted as if all of it were to be edited

"standin-usage:TEXT,IMAGE,OUTPUT" in the prompt makes the answer's "usage" say that many input
text, input image and output tokens (with input_tokens_details), so a test knows the cost to expect.

Generative Expand's requests: for every edit with a mask the record says whether the image is
transparent exactly where the mask paints ("expand_transparent_where_painted": every painted pixel
has alpha 0, and at most 1% as many transparent pixels lie outside the painted area) and whether
the picture's edge is there ("expand_edge_present": an opaque pixel next to a painted one). With
"standin-expand-check" in the prompt a request that fails either is refused (400, param "mask").

GET /v1/models lists the models it knows. With --tls-cert/--tls-key it speaks HTTPS.

Azure OpenAI, for the deployments given with --azure-deployment NAME=MODEL (the model's rules
apply to its requests; the body's "model" is recorded as "sent_model" and otherwise ignored on the
deployment route, as Azure does):
  POST /openai/deployments/NAME/images/{edits,generations}?api-version=V
  POST /openai/v1/images/{edits,generations}   ("model" in the body names the deployment)
  GET  /openai/models?api-version=V, GET /openai/v1/models
These take the key in an "api-key" header only. Refused with Azure's error shape
{"error": {"code", "message"}}: a missing or wrong api-key, or any Authorization header (Azure
reads it as an Entra ID token), 401; an unknown deployment 404 DeploymentNotFound; a deployment
route or /openai/models without api-version 404 "Resource not found". The /v1 routes refuse an
api-key header without the Bearer one (401), as OpenAI does.

Usage: images_api_standin.py --port-file FILE [--port N] [--record-dir DIR] [--key KEY]
                             [--tls-cert PEM --tls-key PEM] [--azure-deployment NAME=MODEL ...]
"""
import argparse
import base64
import email.parser
import email.policy
import hashlib
import io
import json
import os
import re
import socket
import ssl
import struct
import sys
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from PIL import Image, ImageChops, ImageDraw, ImageFilter

STANDARD_SIZES = {"1024x1024", "1536x1024", "1024x1536"}
MODELS = {
    "gpt-image-1": "standard", "gpt-image-1.5": "standard", "gpt-image-1-mini": "standard",
    "gpt-image-2": "flexible", "gpt-image-2-2026-04-21": "flexible", "dall-e-2": "dall-e-2",
    "gpt-image-2.5-flare": "flexible", "gpt-image-2.5-sunburst": "flexible",
    "gpt-image-2.6-flare": "flexible", "gpt-image-2.6-sunburst": "flexible",
}
# gpt-image-2 and later: total pixels of the size between these (images-api.md, "Models in 2026").
FLEXIBLE_MIN_PIXELS, FLEXIBLE_MAX_PIXELS = 655360, 8294400
STANDARD_QUALITIES = {"auto", "low", "medium", "high"}


def allowed_qualities(model):
    """dall-e-2 knows only "standard"; gpt-image-2.5 and later add "xhigh" and "max"."""
    if model == "dall-e-2":
        return {"standard"}
    if model.startswith(("gpt-image-2.5", "gpt-image-2.6")):
        return STANDARD_QUALITIES | {"xhigh", "max"}
    return STANDARD_QUALITIES
EDIT_FIELDS = {"image", "image[]", "mask", "prompt", "model", "n", "size", "quality", "background",
               "output_format", "output_compression", "input_fidelity", "stream", "partial_images",
               "user", "response_format"}
MAX_BODY = 200 * 1024 * 1024


class ApiError(Exception):
    def __init__(self, status, message, param=None, code=None, kind="invalid_request_error", headers=None):
        super().__init__(message)
        self.status, self.message, self.param, self.code, self.kind = status, message, param, code, kind
        self.headers = headers or {}

    def body(self):
        return {"error": {"message": self.message, "type": self.kind, "param": self.param, "code": self.code}}


class AzureError(ApiError):
    """An error as Azure OpenAI's own front door answers it: {"error": {"code", "message"}}."""
    def __init__(self, status, message, code):
        super().__init__(status, message, None, code)

    def body(self):
        return {"error": {"code": self.code, "message": self.message}}


AZURE_ACCESS_DENIED = ("Access denied due to invalid subscription key or wrong API endpoint. Make sure to provide a "
                       "valid key for an active subscription and use a correct regional API endpoint for your "
                       "resource.")
AZURE_NO_DEPLOYMENT = ("The API deployment for this resource does not exist. If you created the deployment within "
                       "the last 5 minutes, please wait a moment and try again.")
AZURE_DEPLOYMENT_ROUTE = re.compile(r"/openai/deployments/([^/]+)(/images/(?:edits|generations))")
AZURE_V1_ROUTE = re.compile(r"/openai/v1(/images/(?:edits|generations))")


class State:
    def __init__(self, record_dir, key, deployments=None):
        self.deployments = deployments or {}  # Azure deployment name -> model
        self.lock = threading.Lock()
        self.record_dir = record_dir
        self.key = key
        self.fail_next = []
        self.gain = 1.0
        self.offset = 0
        self.requests = []
        self.failed_once = set()
        self.faulted_once = set()
        self.in_flight = 0  # image requests being served now


def check_size(model, size):
    rule = MODELS.get(model, "standard")
    if size == "auto" and rule != "dall-e-2":
        return
    if rule == "standard" and size not in STANDARD_SIZES:
        raise ApiError(400, f"Invalid value: '{size}'. Supported values are: '1024x1024', '1024x1536', "
                            f"'1536x1024', and 'auto'.", "size", "invalid_value")
    if rule == "dall-e-2" and size not in {"256x256", "512x512", "1024x1024"}:
        raise ApiError(400, f"Invalid value: '{size}'. Supported values are: '256x256', '512x512', '1024x1024'.",
                       "size", "invalid_value")
    if rule == "flexible":
        try:
            w, h = (int(v) for v in size.split("x"))
        except ValueError:
            raise ApiError(400, f"Invalid size '{size}'.", "size", "invalid_value")
        if w % 16 or h % 16 or max(w, h) > 3840 or min(w, h) > 2160 or max(w, h) > 3 * min(w, h):
            raise ApiError(400, f"Invalid size '{size}': sides must be multiples of 16, at most 3840x2160, "
                                f"aspect between 1:3 and 3:1.", "size", "invalid_value")
        if not FLEXIBLE_MIN_PIXELS <= w * h <= FLEXIBLE_MAX_PIXELS:
            raise ApiError(400, f"Invalid size '{size}': the total pixels must be between {FLEXIBLE_MIN_PIXELS} "
                                f"and {FLEXIBLE_MAX_PIXELS}.", "size", "invalid_value")


def prompt_colour(prompt, index):
    digest = hashlib.sha256(f"{prompt}#{index}".encode()).digest()
    return (digest[0], digest[1], digest[2])


MIME_OF_FORMAT = {"PNG": "image/png", "JPEG": "image/jpeg", "WEBP": "image/webp"}


def invalid(message, param, code="invalid_value"):
    return ApiError(400, message, param, code)


def parse_multipart(content_type, body):
    """The parts of a multipart/form-data body as (name, filename, declared content type or None,
    data), refusing a body without a boundary or without its closing delimiter."""
    boundary = re.search(r';\s*boundary=("?)([^";]+)\1', content_type)
    if not boundary:
        raise ApiError(400, "Invalid multipart/form-data: the Content-Type has no boundary.", None,
                       "invalid_multipart")
    closing = b"--" + boundary.group(2).encode("latin-1") + b"--"
    if not re.search(rb"(^|\r\n)" + re.escape(closing) + rb"[ \t]*(\r\n|$)", body):
        raise ApiError(400, "Invalid multipart/form-data: the body ends without its closing boundary "
                            "(the upload was cut short or is malformed).", None, "invalid_multipart")
    message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(
        b"Content-Type: " + content_type.encode() + b"\r\n\r\n" + body)
    if not message.is_multipart():
        raise ApiError(400, "The request must be multipart/form-data.")
    fields = []
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        if name is None:
            raise ApiError(400, "A multipart part has no name.")
        declared = part.get_content_type() if part.get("Content-Type") else None
        fields.append((name, part.get_filename(), declared, part.get_payload(decode=True) or b""))
    return fields


def open_image(data, field):
    try:
        image = Image.open(io.BytesIO(data))
        image.load()
    except Exception:
        raise ApiError(400, f"Invalid image file or mode for {field}: the file is not a PNG, JPEG or WebP image.",
                       field, "invalid_image_format")
    if image.format not in ("PNG", "JPEG", "WEBP"):
        raise ApiError(400, f"Invalid image file format for {field}: {image.format}. Supported: png, jpeg, webp.",
                       field, "invalid_image_format")
    return image


def check_file_type(field, declared, image, allowed):
    """The part's declared content type must be one the API takes for `field` and match the bytes."""
    shown = declared or "application/octet-stream"
    if declared not in allowed:
        supported = ", ".join(f"'{t}'" for t in allowed)
        raise invalid(f"Invalid file '{field}': unsupported mimetype ('{shown}'). Supported file formats are "
                      f"{supported}.", field, "unsupported_file")
    if MIME_OF_FORMAT.get(image.format) != declared:
        raise invalid(f"Invalid file '{field}': the content type '{declared}' does not match the file's "
                      f"contents ({image.format}).", field, "invalid_image_format")


# The models that take input_fidelity; gpt-image-1-mini, dall-e-2 and gpt-image-2 and later refuse it.
INPUT_FIDELITY_MODELS = {"gpt-image-1", "gpt-image-1.5"}
# Fields dall-e-2 does not take (edits and generations).
NOT_DALL_E_2 = ("output_format", "output_compression", "background", "input_fidelity", "stream",
                "partial_images", "moderation")


def check_model_fields(model, present):
    """The per-model rules on which fields a model takes."""
    if model == "dall-e-2":
        for name in NOT_DALL_E_2:
            if name in present:
                raise invalid(f"Unsupported parameter: '{name}' is not supported with the dall-e-2 model.",
                              name, "unsupported_parameter")
    if "input_fidelity" in present and model not in INPUT_FIDELITY_MODELS:
        raise invalid(f"Unsupported parameter: 'input_fidelity' is not supported with the {model} model.",
                      "input_fidelity", "unsupported_parameter")


def check_format_fields(output_format, background, compression, explicit_format):
    """output_compression 0-100 and only with jpeg/webp; a transparent background needs png/webp."""
    if output_format not in ("png", "jpeg", "webp"):
        raise invalid(f"Invalid value: '{output_format}'. Supported values are: 'png', 'jpeg', and 'webp'.",
                      "output_format")
    if background not in ("transparent", "opaque", "auto"):
        raise invalid(f"Invalid value: '{background}'. Supported values are: 'transparent', 'opaque', and "
                      "'auto'.", "background")
    if background == "transparent" and output_format == "jpeg":
        raise invalid("Transparent background is not supported with output_format 'jpeg': use 'png' or 'webp'.",
                      "background")
    if compression is not None:
        if not 0 <= compression <= 100:
            raise invalid(f"Invalid 'output_compression': {compression} is not between 0 and 100.",
                          "output_compression", "integer_out_of_range")
        if not explicit_format or output_format == "png":
            raise invalid("output_compression is only supported for the jpeg and webp output formats.",
                          "output_compression")


def auto_size(model, width, height):
    """The size a model answers `size=auto` at: for the gpt-image models the standard size whose
    aspect ratio is nearest the (first) image's, never the upload's own size."""
    if model == "dall-e-2":
        return 1024, 1024
    ratio = width / height
    if ratio > 1.5 ** 0.5:
        return 1536, 1024
    if ratio < 1.5 ** -0.5:
        return 1024, 1536
    return 1024, 1024


LAZY_FIELDS = {"size", "quality", "background", "stream", "mask", "output_format"}


def lazy_fields(prompt):
    """The fields a "standin-lazy:a,b" marker in the prompt says to ignore (a typo is an error)."""
    marker = re.search(r"standin-lazy:([a-z_,]+)", prompt)
    fields = set(marker.group(1).strip(",").split(",")) if marker else set()
    if fields - LAZY_FIELDS:
        raise ApiError(400, f"standin-lazy: unknown fields {sorted(fields - LAZY_FIELDS)}; "
                            f"known: {sorted(LAZY_FIELDS)}.", "prompt")
    return fields


def answered_format(asked, lazy):
    """The format the image comes in: as asked, unless the relay ignores output_format."""
    if "output_format" not in lazy:
        return asked
    return "webp" if asked == "png" else "png"


def usage_for(prompt, usage):
    """`usage`, or what a "standin-usage:TEXT,IMAGE,OUTPUT" marker in the prompt says."""
    marker = re.search(r"standin-usage:([0-9]{1,9}),([0-9]{1,9}),([0-9]{1,9})", prompt)
    if not marker:
        return usage
    text, image, output = (int(v) for v in marker.groups())
    return {"input_tokens": text + image, "output_tokens": output, "total_tokens": text + image + output,
            "input_tokens_details": {"text_tokens": text, "image_tokens": image}}


def form_integer(text, name):
    value = text.get(name)
    if value is None:
        return None
    if not re.fullmatch(r"-?[0-9]{1,9}", value):
        raise invalid(f"Invalid type for '{name}': expected an integer, but got a string ('{value}').", name,
                      "invalid_type")
    return int(value)


def expand_analysis(image, mask):
    """(transparent exactly where painted, picture edge next to the painted area) for an edit."""
    paint = mask.convert("RGBA").getchannel("A").point(lambda v: 255 if v == 0 else 0)
    alpha = image.convert("RGBA").getchannel("A")
    painted = paint.histogram()[255]
    if painted == 0:
        return False, False
    shown_where_painted = ImageChops.multiply(paint, alpha.point(lambda v: 255 if v else 0)).getbbox() is not None
    clear_outside = ImageChops.multiply(ImageChops.invert(paint), alpha.point(lambda v: 255 if v == 0 else 0))
    exact = not shown_where_painted and clear_outside.histogram()[255] <= painted // 100
    beside = ImageChops.multiply(paint.filter(ImageFilter.MaxFilter(3)), ImageChops.invert(paint))
    edge = ImageChops.multiply(beside, alpha.point(lambda v: 255 if v == 255 else 0)).getbbox() is not None
    return exact, edge


def edit_answer(state, fields, record):
    text = {}
    images, mask = [], None
    seen = set()
    for name, filename, ctype, data in fields:
        if name not in EDIT_FIELDS:
            raise ApiError(400, f"Unknown parameter: '{name}'.", name, "unknown_parameter")
        if name in seen and name != "image[]" or {"image", "image[]"} <= seen | {name}:
            raise invalid(f"Duplicate parameter: '{name}'. Each field may be sent once (several images go as "
                          "repeated 'image[]' parts).", name, "duplicate_parameter")
        seen.add(name)
        if name in ("image", "image[]"):
            if len(data) >= 50 * 1024 * 1024:
                raise ApiError(400, "Image file too large: each image must be smaller than 50 MB.", "image")
            images.append(open_image(data, "image"))
            check_file_type(name, ctype, images[-1], ("image/png", "image/jpeg", "image/webp"))
            record["files"].setdefault("image", []).append(len(data))
            record["image_size"] = record.get("image_size") or f"{images[-1].width}x{images[-1].height}"
            record.setdefault("image_sizes", []).append(f"{images[-1].width}x{images[-1].height}")
            record.setdefault("image_names", []).append(name)
            save(state, record, "image" if len(images) == 1 else f"image{len(images)}", data)
        elif name == "mask":
            if len(data) >= 4 * 1024 * 1024:
                raise ApiError(400, "Mask file too large: it must be smaller than 4 MB.", "mask")
            mask = open_image(data, "mask")
            check_file_type("mask", ctype, mask, ("image/png",))
            record["files"]["mask"] = len(data)
            record["mask_size"] = f"{mask.width}x{mask.height}"
            save(state, record, "mask", data)
        else:
            if filename is not None:
                raise invalid(f"Invalid type for '{name}': expected a string, but got a file.", name, "invalid_type")
            value = data.decode("utf-8")
            if value == "":
                raise ApiError(400, f"Invalid value for '{name}': empty string.", name, "invalid_value")
            text[name] = value
    record["fields"] = text
    if not images:
        raise ApiError(400, "Missing required parameter: 'image'.", "image", "missing_required_parameter")
    if len(images) > 16:
        raise ApiError(400, "Too many images: at most 16.", "image")
    if "prompt" not in text:
        raise ApiError(400, "Missing required parameter: 'prompt'.", "prompt", "missing_required_parameter")
    if "model" not in text:
        raise ApiError(400, "The stand-in requires an explicit 'model' (server defaults change).", "model")
    model = text["model"]
    if model not in MODELS:
        raise ApiError(404, f"The model '{model}' does not exist or you do not have access to it.", None,
                       "model_not_found")
    check_model_fields(model, text)
    limit = 1000 if model == "dall-e-2" else 32000
    if len(text["prompt"]) > limit:
        raise ApiError(400, f"Invalid 'prompt': string too long. Expected a string with maximum length {limit}.",
                       "prompt", "string_above_max_length")
    n = form_integer(text, "n")
    n = 1 if n is None else n
    if not 1 <= n <= 10:
        raise ApiError(400, f"Invalid 'n': {n} is not between 1 and 10.", "n", "integer_out_of_range")
    quality = text.get("quality", "standard" if model == "dall-e-2" else "auto")
    allowed_quality = allowed_qualities(model)
    if quality not in allowed_quality:
        raise ApiError(400, f"Invalid value: '{quality}'. Supported values are: {sorted(allowed_quality)}.",
                       "quality", "invalid_value")
    size = text.get("size", "1024x1024" if model == "dall-e-2" else "auto")
    check_size(model, size)
    output_format = text.get("output_format", "png")
    check_format_fields(output_format, text.get("background", "auto"), form_integer(text, "output_compression"),
                        "output_format" in text)
    if "input_fidelity" in text and text["input_fidelity"] not in ("high", "low"):
        raise invalid(f"Invalid value: '{text['input_fidelity']}'. Supported values are: 'high' and 'low'.",
                      "input_fidelity")
    if text.get("stream", "false") not in ("true", "false"):
        raise ApiError(400, "Invalid 'stream': expected a boolean.", "stream", "invalid_type")
    partials = form_integer(text, "partial_images")
    if partials is not None and (text.get("stream") != "true" or not 0 <= partials <= 3):
        raise ApiError(400, "Invalid 'partial_images': 0-3, and only with stream=true.", "partial_images")
    record["stream"] = text.get("stream") == "true"
    record["partial_images"] = partials or 0
    first = images[0]
    if mask is not None:
        if mask.size != first.size:
            raise ApiError(400, "Invalid mask image: the mask must have the same dimensions as the image "
                                f"(mask {mask.width}x{mask.height}, image {first.width}x{first.height}).", "mask")
        if "A" not in mask.getbands():
            raise ApiError(400, "Invalid mask image: the mask must have an alpha channel.", "mask")
        exact, edge = expand_analysis(first, mask)
        record["expand_transparent_where_painted"], record["expand_edge_present"] = exact, edge
        if "standin-expand-check" in text["prompt"] and not (exact and edge):
            raise ApiError(400, "standin-expand-check: the image must be transparent exactly where the mask paints "
                                f"(it is: {exact}) and show the picture's edge next to it (it does: {edge}).", "mask")

    out_w, out_h = auto_size(model, first.width, first.height) if size == "auto" else (int(v) for v in size.split("x"))
    lazy = lazy_fields(text["prompt"])
    if "size" in lazy:
        out_w, out_h = max(1, round(out_w / 2)), max(1, round(out_h / 2))
    base = first.convert("RGBA").resize((out_w, out_h), Image.BICUBIC)
    with state.lock:
        gain, offset = state.gain, state.offset
    identity = re.search(r"standin-identity(-exact)?", text["prompt"])
    if identity and identity.group(1):
        gain, offset = 1.0, 0
    if gain != 1.0 or offset != 0:
        r, g, b, a = base.split()
        lut = [max(0, min(255, round(v * gain + offset))) for v in range(256)]
        base = Image.merge("RGBA", (r.point(lut), g.point(lut), b.point(lut), a))
    if "mask" in lazy:
        edit_weight = Image.new("L", (out_w, out_h), 255)
    elif mask is not None:
        edit_weight = mask.convert("RGBA").split()[3].resize((out_w, out_h), Image.NEAREST).point(lambda v: 255 - v)
    else:
        edit_weight = Image.new("L", (out_w, out_h), 128)
    output_format = answered_format(output_format, lazy)
    transparent = "background" in lazy and output_format != "jpeg"
    data = []
    for index in range(n):
        colour = Image.new("RGBA", (out_w, out_h), prompt_colour(text["prompt"], index) + (255,))
        result = base if identity else Image.composite(colour, base, edit_weight)
        if transparent:  # what was to be edited comes back cut out
            result = result.copy()
            result.putalpha(edit_weight.point(lambda v: 255 - v))
        if output_format == "jpeg":
            result = result.convert("RGB")
        buffer = io.BytesIO()
        result.save(buffer, format={"png": "PNG", "jpeg": "JPEG", "webp": "WEBP"}[output_format])
        data.append({"b64_json": base64.b64encode(buffer.getvalue()).decode()})
    tokens_out = 272 * n
    if "quality" in lazy:
        quality = "low" if quality == "high" else "high"
    return {"created": int(time.time()), "data": data, "background": "transparent" if transparent else "opaque",
            "output_format": output_format, "quality": quality, "size": f"{out_w}x{out_h}",
            "usage": usage_for(text["prompt"], {"input_tokens": 300, "output_tokens": tokens_out,
                                                "total_tokens": 300 + tokens_out,
                                                "input_tokens_details": {"text_tokens": 20, "image_tokens": 280}})}


GENERATION_FIELDS = {"model", "prompt", "n", "size", "quality", "background", "output_format",
                     "output_compression", "moderation", "stream", "partial_images", "user", "response_format"}


JSON_TYPES = {"model": (str, "a string"), "prompt": (str, "a string"), "n": (int, "an integer"),
              "size": (str, "a string"), "quality": (str, "a string"), "background": (str, "a string"),
              "output_format": (str, "a string"), "output_compression": (int, "an integer"),
              "moderation": (str, "a string"), "stream": (bool, "a boolean"), "partial_images": (int, "an integer"),
              "user": (str, "a string"), "response_format": (str, "a string")}


def generation_answer(body, record):
    """Validates a JSON generation request like the API and answers with a picture derived from
    the prompt: a colour gradient, or with background "transparent" a coloured disc on fully
    transparent pixels (so a test can see the alpha survive)."""
    try:
        request = json.loads(body)
    except ValueError:
        raise ApiError(400, "We could not parse the JSON body of your request.")
    if not isinstance(request, dict):
        raise ApiError(400, "The request body must be a JSON object.")
    record["fields"] = {k: v for k, v in request.items() if k != "prompt" or len(str(v)) < 2000}
    record["fields"]["prompt"] = request.get("prompt", "")
    for name in request:
        if name not in GENERATION_FIELDS:
            raise ApiError(400, f"Unknown parameter: '{name}'.", name, "unknown_parameter")
    for name, value in request.items():  # JSON types: numbers are numbers, stream a boolean
        wanted = JSON_TYPES[name]
        if not isinstance(value, wanted[0]) or (wanted[0] is int and isinstance(value, bool)):
            raise invalid(f"Invalid type for '{name}': expected {wanted[1]}, but got "
                          f"{type(value).__name__} ({json.dumps(value)[:40]}).", name, "invalid_type")
        if value == "":
            raise invalid(f"Invalid value for '{name}': empty string.", name)
    model, prompt = request.get("model"), request.get("prompt")
    if prompt is None:
        raise ApiError(400, "Missing required parameter: 'prompt'.", "prompt", "missing_required_parameter")
    if model not in MODELS:
        raise ApiError(404, f"The model '{model}' does not exist or you do not have access to it.", None,
                       "model_not_found")
    check_model_fields(model, request)
    if len(prompt) > (1000 if model == "dall-e-2" else 32000):
        raise ApiError(400, "Invalid 'prompt': string too long.", "prompt", "string_above_max_length")
    n = request.get("n", 1)
    if not 1 <= n <= 10:
        raise ApiError(400, "Invalid 'n'.", "n", "integer_out_of_range")
    size = request.get("size", "1024x1024" if model == "dall-e-2" else "auto")
    check_size(model, size)
    quality = request.get("quality", "standard" if model == "dall-e-2" else "auto")
    if quality not in allowed_qualities(model):
        raise ApiError(400, f"Invalid value: '{quality}'.", "quality", "invalid_value")
    output_format = request.get("output_format", "png")
    background = request.get("background", "auto")
    check_format_fields(output_format, background, request.get("output_compression"), "output_format" in request)
    if request.get("moderation", "auto") not in ("auto", "low"):
        raise invalid("Invalid 'moderation'.", "moderation")
    stream = request.get("stream", False)
    partials = request.get("partial_images", 0)
    if not 0 <= partials <= 3 or (partials and not stream):
        raise ApiError(400, "Invalid 'partial_images': 0-3, and only with stream=true.", "partial_images")
    record["stream"], record["partial_images"] = stream, partials
    width, height = (1024, 1024) if size == "auto" else (int(v) for v in size.split("x"))
    lazy = lazy_fields(prompt)
    if "size" in lazy:
        width, height = max(1, round(width / 2)), max(1, round(height / 2))
    if "quality" in lazy:
        quality = "low" if quality == "high" else "high"
    output_format = answered_format(output_format, lazy)
    data = []
    for index in range(n):
        colour = prompt_colour(prompt, index)
        if background == "transparent":
            image = Image.new("RGBA", (width, height), (0, 0, 0, 0))
            disc = Image.new("L", (width, height), 0)
            ImageDraw.Draw(disc).ellipse((width // 4, height // 4, 3 * width // 4, 3 * height // 4), fill=255)
            image.paste(Image.new("RGBA", (width, height), colour + (255,)), (0, 0), disc)
        else:
            x = Image.linear_gradient("L").resize((width, height))
            image = Image.merge("RGBA", (x.point(lambda v: min(255, colour[0] // 2 + v // 2)),
                                         Image.new("L", (width, height), colour[1]),
                                         Image.new("L", (width, height), colour[2]),
                                         Image.new("L", (width, height), 255)))
        if output_format == "jpeg":
            image = image.convert("RGB")
        buffer = io.BytesIO()
        image.save(buffer, format={"png": "PNG", "jpeg": "JPEG", "webp": "WEBP"}[output_format])
        data.append({"b64_json": base64.b64encode(buffer.getvalue()).decode()})
    return {"created": int(time.time()), "data": data, "background": background, "output_format": output_format,
            "quality": quality, "size": f"{width}x{height}",
            "usage": usage_for(prompt, {"input_tokens": 20, "output_tokens": 272 * n, "total_tokens": 20 + 272 * n})}


def save(state, record, name, data):
    if not state.record_dir:
        return
    folder = os.path.join(state.record_dir, str(record["index"]))
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, name + ".png"), "wb") as f:
        f.write(data)


def image_b64(width, height, colour=(90, 140, 200, 255)):
    buffer = io.BytesIO()
    Image.new("RGBA", (width, height), colour).save(buffer, format="PNG")
    return base64.b64encode(buffer.getvalue()).decode()


_HUGE_PREVIEW = []


def huge_preview_b64():
    """A PNG of a few kilobytes that decodes to 8192x8192 (one colour, 1 bit per pixel): cheap to
    send, costly to decode at full size. Made once."""
    if not _HUGE_PREVIEW:
        buffer = io.BytesIO()
        Image.new("1", (8192, 8192), 1).save(buffer, format="PNG", optimize=True)
        _HUGE_PREVIEW.append(base64.b64encode(buffer.getvalue()).decode())
    return _HUGE_PREVIEW[0]


def faulty_answer(name, answer):
    """The JSON answer changed by an answer fault, or None when `name` is a transport fault."""
    width, height = (int(v) for v in answer["size"].split("x"))
    if name == "bad_base64":
        return dict(answer, data=[{"b64_json": "!!this is % not base64!!"}])
    if name == "not_image":
        return dict(answer, data=[{"b64_json": base64.b64encode(b"hello, this is not an image").decode()}])
    if name == "wrong_shape":
        return dict(answer, data=[{"b64_json": image_b64(width, max(16, height // 3))}])
    if name == "half_size":
        return dict(answer, data=[{"b64_json": image_b64(max(1, width // 2), max(1, height // 2))}])
    if name == "fewer":
        return dict(answer, data=answer["data"][:-1])
    return None


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    state = None  # set in main()

    def log_message(self, fmt, *args):  # quiet: tests read /_requests instead
        pass

    def send_json(self, status, body, headers=None):
        payload = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        if "x-request-id" not in (headers or {}):
            self.send_header("x-request-id", f"req_standin_{int(time.time() * 1000) % 10**9}")
        for k, v in (headers or {}).items():
            self.send_header(k, str(v))
        self.end_headers()
        self.wfile.write(payload)

    def send_stream(self, answer, partials, prompt, kind="image_edit", deep=0, flood=False, error=None):
        """The answer as server-sent events: `partials` blurred previews, a pause before each
        (standin-stream-delay:S, default 0.05 s), then one completed event per image. Markers:
        standin-stream-error (an error event instead of the image), standin-stream-cut (the stream
        ends without the completed event). `deep`: the completed event is JSON nested that deep
        (on one data line); `flood`: each preview is a PNG that decodes to 8192x8192, sent without
        a pause; `error`: an error event with this message instead of the image."""
        delay = re.search(r"standin-stream-delay:([0-9.]+)", prompt)
        delay = float(delay.group(1)) if delay else 0.05
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-cache")
        self.send_header("x-request-id", f"req_standin_{int(time.time() * 1000) % 10**9}")
        self.end_headers()
        self.close_connection = True  # the end of the stream is the end of the connection

        def event(name, payload):
            # One member per line, so the event spans several "data:" lines (joined with newlines,
            # which JSON allows between members), after a comment line, as the format allows.
            lines = json.dumps(dict(payload, type=name), indent=1).split("\n")
            text = ": keep-alive\r\n" + f"event: {name}\r\n" + "".join(f"data: {line}\r\n" for line in lines) + "\r\n"
            self.wfile.write(text.encode())
            self.wfile.flush()

        def preview_of(b64):
            """A coarse version of the image, or the data as it is when it is no image (a fault)."""
            try:
                image = Image.open(io.BytesIO(base64.b64decode(b64, validate=True))).convert("RGBA")
            except Exception:
                return b64
            small = image.resize((max(1, image.width // 8), max(1, image.height // 8)))
            buffer = io.BytesIO()
            small.resize(image.size, Image.NEAREST).save(buffer, format="PNG")
            return base64.b64encode(buffer.getvalue()).decode()

        try:
            for index in range(partials):
                time.sleep(0 if flood else delay)
                event(f"{kind}.partial_image", {"b64_json": huge_preview_b64() if flood else
                                                   preview_of(answer["data"][0]["b64_json"]),
                                                   "partial_image_index": index, "output_format": "png"})
        except (BrokenPipeError, ConnectionResetError):
            return  # the client stopped reading
        time.sleep(delay)
        if deep:
            text = (f'event: {kind}.completed\r\ndata: {{"type": "{kind}.completed", "b64_json": '
                    + "[" * deep + "]" * deep + "}\r\n\r\n")
            try:
                self.wfile.write(text.encode())
                self.wfile.flush()
            except (BrokenPipeError, ConnectionResetError):
                pass
            return
        if error or "standin-stream-error" in prompt:
            event("error", {"error": {"message": error or "The image could not be generated.", "type": "server_error",
                                      "param": None, "code": "generation_failed"}})
            return
        if "standin-stream-cut" in prompt:
            return
        for item in answer["data"]:
            # As the real completed events do, it names the size, quality, background and format.
            event(f"{kind}.completed", {"b64_json": item["b64_json"], "size": answer["size"],
                                           "quality": answer.get("quality"), "background": answer.get("background"),
                                           "output_format": answer["output_format"], "usage": answer["usage"]})

    def send_hostile(self, name, arg, answer, record, prompt):
        """The hostile relays' answers (see the docstring); returns False for other names."""
        auth = self.headers.get("Authorization", "")
        token = auth[len("Bearer "):] if auth.startswith("Bearer ") else auth
        if name in ("echo_key", "echo_bearer", "echo_request_id"):
            message = {"echo_key": f"Incorrect API key provided: {token}. You can find your API key at "
                                   "https://platform.openai.com/account/api-keys.",
                       "echo_bearer": f"Incorrect API key provided. The header was 'Authorization: {auth}'.",
                       "echo_request_id": "Incorrect API key provided."}[name]
            headers = {"x-request-id": auth} if name == "echo_request_id" else None
            record["status"] = 401
            self.send_json(401, ApiError(401, message, None, "invalid_api_key").body(), headers)
            return True
        if name == "control_chars":
            message = ("Your prompt was refused.\x1b[2J\x1b[1;31m\r\nAll is well, type your password:\x07\x08\x08"
                       "\x00\x7f")
            record["status"] = 400
            self.send_json(400, ApiError(400, message, None, "invalid_prompt").body())
            return True
        if name == "deep_error":
            depth = int(float(arg or 100000))
            payload = b'{"error": ' + b"[" * depth + b"]" * depth + b"}"
            record["status"] = 400
            self.send_response(400)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(payload)))
            self.send_header("x-request-id", "req_standin_deep")
            self.end_headers()
            self.wfile.write(payload)
            return True
        if name in ("deep_event", "preview_flood", "echo_key_event"):
            if not record.get("stream"):
                return False
            record["status"] = 200
            kind = "image_generation" if urllib.parse.urlsplit(self.path).path.endswith("/generations") else "image_edit"
            if name == "echo_key_event":
                self.send_stream(answer, record["partial_images"], prompt, kind,
                                 error=f"The image could not be generated for key {token} ({auth}).")
            elif name == "deep_event":
                self.send_stream(answer, record["partial_images"], prompt, kind, deep=int(float(arg or 100000)))
            else:
                self.send_stream(answer, int(float(arg or 40)), prompt, kind, flood=True)
            return True
        return False

    def send_faulty(self, name, arg, answer):
        """Sends `answer` the way the transport fault `name` says; returns False for other names."""
        if name == "malformed_json":
            payload = b'{"created": 1, "data": [{"b64_json": "iVBOR'
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)
            return True
        if name == "hang":
            time.sleep(float(arg or 3600))
            self.close_connection = True
            return True
        if name == "think":
            time.sleep(float(arg or 5))
            self.send_json(200, answer)
            return True
        payload = json.dumps(answer).encode()
        if name == "huge":
            size = int(float(arg or 100) * 1024 * 1024)
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(size))
            self.end_headers()
            chunk = b" " * (1024 * 1024)
            try:
                for _ in range(size // len(chunk)):
                    self.wfile.write(chunk)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up reading, as it should
            self.close_connection = True
            return True
        if name not in ("reset", "truncate", "stall", "drip"):
            return False
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        half = len(payload) // 2
        try:
            if name == "drip":
                pieces = 4
                step = -(-len(payload) // pieces)
                for start in range(0, len(payload), step):
                    self.wfile.write(payload[start:start + step])
                    self.wfile.flush()
                    if start + step < len(payload):
                        time.sleep(float(arg or 0.5))
                return True
            self.wfile.write(payload[:half])
            self.wfile.flush()
            if name == "stall":
                time.sleep(float(arg or 30))
                self.wfile.write(payload[half:])
                return True
            if name == "reset":  # an abortive close: the client sees a reset, not an end of file
                self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.close_connection = True
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True
        return True

    def read_body(self):
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_BODY:
            raise ApiError(413, "Request body too large.")
        return self.rfile.read(length)

    def check_auth(self, record):
        auth = self.headers.get("Authorization", "")
        record["auth"] = "bearer" if auth.startswith("Bearer ") else "missing"
        for header in ("OpenAI-Organization", "OpenAI-Project"):
            if self.headers.get(header):
                record[header.lower()] = self.headers[header]
        if not auth.startswith("Bearer ") or (self.state.key and auth != "Bearer " + self.state.key):
            raise ApiError(401, "Incorrect API key provided. You can find your API key at "
                                "https://platform.openai.com/account/api-keys.", None, "invalid_api_key")

    def check_azure_auth(self, record):
        """Azure takes the key as "api-key" only; a Bearer header would be read as an Entra token."""
        record["auth"] = "api-key" if self.headers.get("api-key") else "missing"
        record["authorization_sent"] = "Authorization" in self.headers
        if ("Authorization" in self.headers or not self.headers.get("api-key")
                or (self.state.key and self.headers["api-key"] != self.state.key)):
            raise AzureError(401, AZURE_ACCESS_DENIED, "401")

    def azure_route(self, record):
        """For an Azure path: (the OpenAI path it stands for, the deployment's model or None when the
        body names the deployment); None for any other path. Checks the key and the api-version."""
        parts = urllib.parse.urlsplit(self.path)
        query = urllib.parse.parse_qs(parts.query)
        deployment = AZURE_DEPLOYMENT_ROUTE.fullmatch(parts.path)
        v1 = AZURE_V1_ROUTE.fullmatch(parts.path)
        listing = parts.path.rstrip("/") in ("/openai/models", "/openai/v1/models")
        if not (deployment or v1 or listing):
            return None
        record["azure"] = True
        record["api_version"] = (query.get("api-version") or [None])[0]
        self.check_azure_auth(record)
        if (deployment or parts.path.rstrip("/") == "/openai/models") and not record["api_version"]:
            raise AzureError(404, "Resource not found", "404")
        if listing:
            return "/v1/models", None
        if deployment:
            record["deployment"] = urllib.parse.unquote(deployment.group(1))
            if record["deployment"] not in self.state.deployments:
                raise AzureError(404, AZURE_NO_DEPLOYMENT, "DeploymentNotFound")
            return "/v1" + deployment.group(2), self.state.deployments[record["deployment"]]
        return "/v1" + v1.group(1), None

    def azure_model(self, sent, fixed):
        """The model whose rules apply: the deployment route's, or the deployment `sent` names."""
        if fixed:
            return fixed
        if sent not in self.state.deployments:
            raise AzureError(404, AZURE_NO_DEPLOYMENT, "DeploymentNotFound")
        return self.state.deployments[sent]

    def azure_json(self, body, fixed, record):
        """A generation's JSON with the deployment's model in place of what was sent."""
        try:
            request = json.loads(body)
        except ValueError:
            return body  # generation_answer refuses it as the API does
        if isinstance(request, dict):
            record["sent_model"] = request.get("model")
            request["model"] = self.azure_model(request.get("model"), fixed)
        return json.dumps(request).encode()

    def azure_fields(self, fields, fixed, record):
        """An edit's form fields with the deployment's model in place of what was sent."""
        sent = next((data.decode("utf-8", "replace") for name, _, _, data in fields if name == "model"), None)
        record["sent_model"] = sent
        model = self.azure_model(sent, fixed).encode()
        return [(n, f, c, model if n == "model" else d) for n, f, c, d in fields] + \
            ([] if sent is not None else [("model", None, None, model)])

    def do_GET(self):
        if self.path == "/_requests":
            with self.state.lock:
                self.send_json(200, self.state.requests)
            return
        with self.state.lock:
            record = {"index": len(self.state.requests), "path": self.path, "method": "GET", "files": {}}
            self.state.requests.append(record)
        try:
            route = self.azure_route(record)
            if route is None:
                self.check_auth(record)
            if (route[0] if route else self.path.rstrip("/")) != "/v1/models":
                raise ApiError(404, f"Unknown path {self.path}")
            record["status"] = 200
            self.send_json(200, {"object": "list", "data": [{"id": m, "object": "model"} for m in MODELS]})
        except ApiError as e:
            record["status"] = e.status
            self.send_json(e.status, e.body())

    def do_POST(self):
        state = self.state
        try:
            body = self.read_body()
        except ApiError as e:
            self.send_json(e.status, e.body())
            return
        if self.path == "/_control":
            control = json.loads(body or b"{}")
            with state.lock:
                state.fail_next.extend(control.get("fail_next", []))
                state.gain = float(control.get("gain", state.gain))
                state.offset = int(control.get("offset", state.offset))
                # A relay's own model names, served with the most widely accepted rules (standard
                # sizes and qualities, no input_fidelity), as a relay that renames models does.
                for name in control.get("serve_models", []):
                    MODELS.setdefault(str(name), "standard")
            self.send_json(200, {"ok": True})
            return
        with state.lock:
            state.in_flight += 1
            self.in_flight_counted = True
            record = {"index": len(state.requests), "path": self.path, "files": {}, "bytes": len(body),
                      "time": time.time(), "in_flight": state.in_flight}
            self.flight_record = record  # gets "answered": when its answer began
            state.requests.append(record)
            failure = state.fail_next.pop(0) if state.fail_next else None
        try:
            self.answer_images(state, body, record, failure)
        finally:
            self.leave_flight()

    def send_response(self, code, message=None):
        # A request stops counting as in flight once its answer begins: the client may send its
        # next one as soon as it has read this answer, before this thread has tidied up.
        self.leave_flight()
        super().send_response(code, message)

    def leave_flight(self):
        if getattr(self, "in_flight_counted", False):
            self.in_flight_counted = False
            with self.state.lock:
                self.state.in_flight -= 1
                self.flight_record["answered"] = time.time()

    def answer_images(self, state, body, record, failure):
        """Validates and answers one image request (recorded in `record`), or fails it with
        `failure` (from /_control) or as the prompt's markers say."""
        try:
            route = self.azure_route(record)
            if route is None:
                self.check_auth(record)
            path = route[0] if route else self.path
            ctype = self.headers.get("Content-Type", "")
            if path == "/v1/images/generations":
                if not ctype.startswith("application/json"):
                    raise ApiError(400, "The request must be application/json.")
                if route:
                    body = self.azure_json(body, route[1], record)
                answer = generation_answer(body, record)
            elif path == "/v1/images/edits":
                if not ctype.startswith("multipart/form-data"):
                    raise ApiError(400, "The request must be multipart/form-data.")
                fields = parse_multipart(ctype, body)
                if route:
                    fields = self.azure_fields(fields, route[1], record)
                answer = edit_answer(state, fields, record)
            else:
                raise ApiError(404, f"Unknown path {self.path}")
            prompt = record.get("fields", {}).get("prompt", "")
            marker = re.search(r"standin-fail:(\d+):([a-z_]*):(.*)", prompt)
            once = re.search(r"standin-fail-once:(\d+):([a-z_]*):(.*)", prompt)
            if once:
                with state.lock:
                    first_time = prompt not in state.failed_once
                    state.failed_once.add(prompt)
                marker = once if first_time else None
            if marker:
                failure = {"status": int(marker.group(1)), "code": marker.group(2) or None,
                           "message": marker.group(3)}
                if failure["status"] == 429:
                    failure["headers"] = {"retry-after": "1"}
            by_size = re.search(r"standin-fail-size:(\d+x\d+):(\d+):([a-z_]*):(.*)", prompt)
            if by_size and record.get("fields", {}).get("size") == by_size.group(1):
                failure = {"status": int(by_size.group(2)), "code": by_size.group(3) or None,
                           "message": by_size.group(4)}
            if failure:
                raise ApiError(failure.get("status", 500), failure.get("message", "Injected failure"),
                               failure.get("param"), failure.get("code"), failure.get("type", "invalid_request_error"),
                               failure.get("headers"))
            fault = re.search(r"standin-fault(-once)?:([a-z_0-9]+)(?::([0-9.]+))?", prompt)
            if fault and fault.group(1):
                with state.lock:
                    first_time = prompt not in state.faulted_once
                    state.faulted_once.add(prompt)
                fault = fault if first_time else None
            if fault:
                record["fault"] = fault.group(2)
                changed = faulty_answer(fault.group(2), answer)
                if changed is not None:
                    answer = changed
                elif self.send_hostile(fault.group(2), fault.group(3), answer, record, prompt):
                    return
                elif self.send_faulty(fault.group(2), fault.group(3), answer):
                    record["status"] = 200
                    return
            record["status"] = 200
            ignores_stream = "standin-stream-ignore" in prompt or "stream" in lazy_fields(prompt)
            if record.get("stream") and not ignores_stream:
                kind = "image_generation" if path.endswith("/generations") else "image_edit"
                self.send_stream(answer, record["partial_images"], prompt, kind)
                return
            self.send_json(200, answer)
        except ApiError as e:
            record["status"] = e.status
            record["error"] = e.message
            self.send_json(e.status, e.body(), e.headers)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--port-file", required=True, help="written with the port once listening")
    parser.add_argument("--record-dir", default="")
    parser.add_argument("--key", default="", help="the only key accepted (any key when empty)")
    parser.add_argument("--tls-cert", default="", help="serve HTTPS with this certificate (PEM)")
    parser.add_argument("--tls-key", default="", help="the certificate's private key (PEM)")
    parser.add_argument("--azure-deployment", action="append", default=[], metavar="NAME=MODEL",
                        help="an Azure deployment the stand-in serves, and the model behind it")
    args = parser.parse_args()
    deployments = dict(d.split("=", 1) for d in args.azure_deployment)
    unknown = [m for m in deployments.values() if m not in MODELS]
    if unknown:
        parser.error(f"unknown model behind a deployment: {', '.join(unknown)}")
    Handler.state = State(args.record_dir, args.key, deployments)
    server = ThreadingHTTPServer(("127.0.0.1", args.port), Handler)
    if args.tls_cert:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(args.tls_cert, args.tls_key)
        server.socket = context.wrap_socket(server.socket, server_side=True)
    with open(args.port_file + ".tmp", "w") as f:
        f.write(str(server.server_address[1]))
    os.replace(args.port_file + ".tmp", args.port_file)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    sys.exit(main())
