#!/usr/bin/python3
"""Checks the stand-in itself (a few seconds, no GIMP), through plain HTTP on loopback: that it is a
strict contract (each rule by which it refuses what the real API refuses, with the API's error shape
invalid_request_error + param, has a check here, next to a valid request it must accept), that
size=auto answers at the size the model would choose, and its hostile relays: the echoed key, the
deeply nested error body and stream event, and the preview flood.

  test_standin.py        prints one line per check and, last, "N passed, N failed"."""
import base64
import http.client
import io
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request

from PIL import Image

HERE = os.path.dirname(os.path.abspath(__file__))
KEY = "sk-test-standin-0123456789"


BOUNDARY = "standin-test-boundary-7MA4YWxkTrZu0gW"


def picture(width, height, kind="PNG", alpha=255):
    buffer = io.BytesIO()
    image = Image.new("RGBA", (width, height), (90, 140, 200, alpha))
    (image.convert("RGB") if kind == "JPEG" else image).save(buffer, format=kind)
    return buffer.getvalue()


def multipart(parts, boundary=BOUNDARY, closing=True):
    """A multipart/form-data body; a part is (name, text) or (name, bytes, filename, content type or None)."""
    out = b""
    for part in parts:
        out += b"--" + boundary.encode() + b"\r\n"
        if len(part) == 2:
            out += f'Content-Disposition: form-data; name="{part[0]}"\r\n\r\n'.encode() + part[1].encode()
        else:
            name, data, filename, ctype = part
            out += f'Content-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'.encode()
            if ctype:
                out += f"Content-Type: {ctype}\r\n".encode()
            out += b"\r\n" + data
        out += b"\r\n"
    return out + (b"--" + boundary.encode() + b"--\r\n" if closing else b"")


def edit_parts(model="gpt-image-1.5", drop=(), image=None, mask=True, image_type="image/png", **fields):
    """A valid edit of a 1024x1024 PNG with a mask, changed by `fields` (None drops a field)."""
    parts = [("image", image or picture(1024, 1024), "image", image_type)]
    if mask:
        parts.append(("mask", picture(1024, 1024, alpha=0), "mask.png", "image/png"))
    values = {"prompt": "a pear", "model": model, "n": "1", "size": "1024x1024"}
    values.update(fields)
    parts += [(k, v) for k, v in values.items() if v is not None and k not in drop]
    return parts


def refused(result, param, status=400):
    """True when `result` is the API's refusal: HTTP 400, type invalid_request_error, this param."""
    code, body = result
    error = (body or {}).get("error") or {}
    return (code == status and error.get("type") == "invalid_request_error" and error.get("param") == param
            and isinstance(error.get("message"), str) and "code" in error)


def answered_size(result):
    code, body = result
    if code != 200:
        return None
    return body.get("size"), Image.open(io.BytesIO(base64.b64decode(body["data"][0]["b64_json"]))).size


def contract_checks(s):
    """(name, passed, detail) for each rule of the strict contract."""
    checks = []

    def check(name, result, ok):
        checks.append((name, ok, result if not isinstance(result, tuple) else (result[0], str(result[1])[:200])))

    # Valid requests are accepted, else every refusal below would prove nothing.
    r = s.edit(edit_parts())
    check("accepts_valid_edit", r, r[0] == 200)
    r = s.edit(edit_parts(image=picture(1024, 1024, "JPEG"), image_type="image/jpeg", mask=False))
    r2 = s.edit([("image[]", picture(1024, 1024), "a.png", "image/png"),
                 ("image[]", picture(1024, 1024, "WEBP"), "b.webp", "image/webp")] + edit_parts(mask=False)[1:])
    check("accepts_jpeg_and_repeated_image_array", (r, r2), r[0] == 200 and r2[0] == 200)
    r = s.edit(edit_parts(output_format="webp", output_compression="80", background="transparent",
                          input_fidelity="high", stream="true", partial_images="1"))
    check("accepts_valid_options", r, r[0] == 200)
    r = s.generation({"model": "gpt-image-1.5", "prompt": "a pear", "n": 1, "size": "1024x1024",
                      "output_format": "jpeg", "output_compression": 50, "stream": True, "partial_images": 1})
    check("accepts_valid_generation", r, r[0] == 200)
    r = s.edit(edit_parts(model="dall-e-2", size="512x512", response_format="b64_json",
                          image=picture(512, 512), mask=False))
    check("accepts_dall_e_2_edit", r, r[0] == 200)

    # The multipart body itself.
    r = s.edit([("image", picture(1024, 1024), "i.png", "application/octet-stream")] + edit_parts(mask=False)[1:])
    check("image_content_type_octet_stream", r, refused(r, "image"))
    r = s.edit([("image", picture(1024, 1024), "i.png", None)] + edit_parts(mask=False)[1:])
    check("image_content_type_missing", r, refused(r, "image"))
    r = s.edit([("image", picture(1024, 1024), "i.png", "image/jpeg")] + edit_parts(mask=False)[1:])
    check("image_content_type_mismatch", r, refused(r, "image"))
    parts = edit_parts()
    parts[1] = ("mask", picture(1024, 1024, "WEBP", alpha=0), "mask.webp", "image/webp")
    r = s.edit(parts)
    check("mask_content_type_not_png", r, refused(r, "mask"))
    r = s.edit(edit_parts(), closing=False)
    check("multipart_without_closing_boundary", r, refused(r, None))
    r = s.edit(edit_parts() + [("n", "2")])
    check("duplicate_text_field", r, refused(r, "n"))
    r = s.edit(edit_parts() + [("image", picture(1024, 1024), "i2.png", "image/png")])
    check("duplicate_image_field", r, refused(r, "image"))
    r = s.edit(edit_parts(effort="high"))
    check("unknown_field", r, refused(r, "effort"))
    r = s.edit(edit_parts(quality=""))
    check("empty_field", r, refused(r, "quality"))

    # Per-model rules.
    for field, value in (("output_format", "png"), ("background", "opaque"), ("input_fidelity", "low")):
        r = s.edit(edit_parts(model="dall-e-2", image=picture(1024, 1024), mask=False, **{field: value}))
        check(f"dall_e_2_refuses_{field}", r, refused(r, field))
    for model in ("gpt-image-1-mini", "gpt-image-2", "gpt-image-2.5-flare", "gpt-image-2.6-sunburst"):
        r = s.edit(edit_parts(model=model, input_fidelity="high"))
        check(f"{model}_refuses_input_fidelity", r, refused(r, "input_fidelity"))

    # gpt-image-2 and later: a pixel floor of 655,360 and a budget of 8,294,400 pixels.
    for size, ok in (("528x352", False), ("1008x640", False), ("1024x640", True), ("3840x2160", True)):
        r = s.generation({"model": "gpt-image-2", "prompt": "a pear", "size": size})
        check(f"gpt_image_2_size_{size}", r, r[0] == 200 if ok else refused(r, "size"))
    r = s.edit(edit_parts(model="gpt-image-2.5-flare", size="480x160"))
    check("gpt_image_2_5_edit_below_the_floor", r, refused(r, "size"))

    # xhigh and max exist for gpt-image-2.5 and 2.6 only.
    for model, quality, ok in (("gpt-image-2.5-flare", "xhigh", True), ("gpt-image-2.6-sunburst", "max", True),
                               ("gpt-image-2", "xhigh", False), ("gpt-image-1.5", "max", False)):
        r = s.edit(edit_parts(model=model, quality=quality))
        check(f"{model}_quality_{quality}", r, r[0] == 200 if ok else refused(r, "quality"))
        r = s.generation({"model": model, "prompt": "a pear", "size": "1024x1024", "quality": quality})
        check(f"{model}_generation_quality_{quality}", r, r[0] == 200 if ok else refused(r, "quality"))

    # A name the API does not know is 404, until the stand-in serves it as a relay would: standard
    # sizes and qualities, no input_fidelity.
    r = s.edit(edit_parts(model="studio-canvas-1"))
    check("unknown_model_is_404", r, r[0] == 404)
    s.post("/_control", json.dumps({"serve_models": ["studio-canvas-1"]}).encode(), "application/json")
    r = s.edit(edit_parts(model="studio-canvas-1"))
    check("served_model_answers", r, r[0] == 200)
    r = s.edit(edit_parts(model="studio-canvas-1", size="1232x816"))
    check("served_model_takes_standard_sizes_only", r, refused(r, "size"))
    r = s.edit(edit_parts(model="studio-canvas-1", input_fidelity="high"))
    check("served_model_refuses_input_fidelity", r, refused(r, "input_fidelity"))
    r = s.edit(edit_parts(output_format="jpeg", output_compression="101"))
    check("output_compression_above_100", r, refused(r, "output_compression"))
    r = s.generation({"model": "gpt-image-1.5", "prompt": "a pear", "output_format": "webp",
                      "output_compression": -1})
    check("output_compression_below_0", r, refused(r, "output_compression"))
    r = s.edit(edit_parts(output_format="png", output_compression="50"))
    r2 = s.edit(edit_parts(output_compression="50"))
    check("output_compression_needs_jpeg_or_webp", (r, r2),
          refused(r, "output_compression") and refused(r2, "output_compression"))
    r = s.edit(edit_parts(output_format="jpeg", background="transparent"))
    check("edit_transparent_with_jpeg", r, refused(r, "background"))
    r = s.generation({"model": "gpt-image-1.5", "prompt": "a pear", "output_format": "jpeg",
                      "background": "transparent"})
    check("generation_transparent_with_jpeg", r, refused(r, "background"))

    # Sizes a model does not take (a standard-size model, a multiple-of-16 model, dall-e-2).
    for model, size, image in (("gpt-image-1.5", "999x999", None), ("gpt-image-2", "1000x1000", None),
                               ("dall-e-2", "1024x1536", picture(1024, 1024))):
        r = s.edit(edit_parts(model=model, size=size, mask=False, image=image))
        check(f"{model}_refuses_size_{size}", r, refused(r, "size"))

    # size=auto: a size the model would choose, not the upload's.
    results = [answered_size(s.edit(edit_parts(size="auto", mask=False, image=picture(w, h))))
               for w, h in ((1200, 630), (630, 1200), (700, 700))]
    check("auto_size_is_a_standard_size", results,
          results == [("1536x1024", (1536, 1024)), ("1024x1536", (1024, 1536)), ("1024x1024", (1024, 1024))])

    # Types in JSON bodies.
    base = {"model": "gpt-image-1.5", "prompt": "a pear", "output_format": "jpeg"}
    for field, value in (("n", "1"), ("n", True), ("output_compression", "50"), ("partial_images", "1"),
                         ("stream", "true"), ("size", 1024)):
        body = dict(base, **{field: value})
        if field == "partial_images":
            body["stream"] = True
        r = s.generation(body)
        check(f"json_type_{field}_{type(value).__name__}", r, refused(r, field))
    # Types in form fields: an integer field is digits.
    r = s.edit(edit_parts(n="two"))
    check("form_n_not_an_integer", r, refused(r, "n"))
    return checks


AZURE_VERSION = "2025-04-01-preview"


def azure_refused(result, status, code):
    """True when `result` is Azure's own refusal: this status, {"error": {"code", "message"}}."""
    status_seen, body = result
    error = (body or {}).get("error") or {}
    return status_seen == status and error.get("code") == code and isinstance(error.get("message"), str)


def azure_checks(s):
    """(name, passed, detail) for the Azure OpenAI routes: both accept a valid request with the key
    in "api-key"; a wrong or Bearer header, an unknown deployment and a missing api-version are
    refused as Azure refuses them."""
    checks = []

    def check(name, result, ok):
        checks.append((name, ok, (result[0], str(result[1])[:200])))

    deployment_edit = f"/openai/deployments/images-prod/images/edits?api-version={AZURE_VERSION}"
    deployment_generation = f"/openai/deployments/images-prod/images/generations?api-version={AZURE_VERSION}"
    generation = {"model": "images-prod", "prompt": "a pear", "size": "1024x1024"}
    azure_key = {"api-key": KEY}
    r = s.edit(edit_parts(model="images-prod"), path=deployment_edit, headers=azure_key)
    check("azure_deployment_route_edit", r, r[0] == 200)
    r = s.generation(generation, path=deployment_generation, headers=azure_key)
    check("azure_deployment_route_generation", r, r[0] == 200)
    r = s.edit(edit_parts(model="gpt-image-1"), path="/openai/v1/images/edits", headers=azure_key)
    check("azure_v1_route_edit", r, r[0] == 200)
    r = s.generation(dict(generation, model="gpt-image-1"), path="/openai/v1/images/generations", headers=azure_key)
    check("azure_v1_route_generation", r, r[0] == 200)
    # The deployment's model rules the request: images-prod runs gpt-image-1.5, which has no 512x512.
    r = s.generation(dict(generation, size="512x512"), path=deployment_generation, headers=azure_key)
    check("azure_deployment_model_rules", r, refused(r, "size"))
    r = s.generation(generation, path=deployment_generation, headers={"Authorization": "Bearer " + KEY})
    check("azure_bearer_refused", r, azure_refused(r, 401, "401"))
    r = s.generation(generation, path=deployment_generation,
                     headers={"api-key": KEY, "Authorization": "Bearer " + KEY})
    check("azure_bearer_beside_api_key_refused", r, azure_refused(r, 401, "401"))
    r = s.generation(generation, path=deployment_generation, headers={"api-key": KEY + "x"})
    check("azure_wrong_key_refused", r, azure_refused(r, 401, "401"))
    r = s.generation(generation, path=deployment_generation.replace("images-prod", "no-such"), headers=azure_key)
    check("azure_unknown_deployment_refused", r, azure_refused(r, 404, "DeploymentNotFound"))
    r = s.generation(dict(generation, model="no-such"), path="/openai/v1/images/generations", headers=azure_key)
    check("azure_v1_unknown_deployment_refused", r, azure_refused(r, 404, "DeploymentNotFound"))
    r = s.generation(generation, path=deployment_generation.split("?")[0], headers=azure_key)
    check("azure_missing_api_version_refused", r, azure_refused(r, 404, "404"))
    r = s.generation(generation, path="/v1/images/generations", headers=azure_key)
    check("openai_route_refuses_api_key_header", r, r[0] == 401)
    r = s.get(f"/openai/models?api-version={AZURE_VERSION}", azure_key)
    r2 = s.get("/openai/v1/models", azure_key)
    check("azure_model_lists", (r[0], (r, r2)), r[0] == 200 and r2[0] == 200 and "data" in r[1] and "data" in r2[1])
    r = s.get("/openai/models", azure_key)
    check("azure_model_list_needs_api_version", r, azure_refused(r, 404, "404"))
    return checks


class StandIn:
    def __init__(self, folder):
        port_file = os.path.join(folder, "port")
        self.process = subprocess.Popen(
            ["/usr/bin/python3", os.path.join(HERE, "images_api_standin.py"), "--port-file", port_file,
             "--key", KEY, "--azure-deployment", "images-prod=gpt-image-1.5",
             "--azure-deployment", "gpt-image-1=gpt-image-1"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.time() + 20
        while not os.path.exists(port_file):
            if self.process.poll() is not None or time.time() > deadline:
                raise RuntimeError("the stand-in did not start")
            time.sleep(0.05)
        self.base = f"http://127.0.0.1:{int(open(port_file).read())}"

    def generate(self, prompt, stream=False):
        """POSTs a generation; returns (status, headers, body bytes)."""
        body = {"model": "gpt-image-1.5", "prompt": prompt, "size": "1024x1024"}
        if stream:
            body.update(stream=True, partial_images=2)
        request = urllib.request.Request(self.base + "/v1/images/generations", json.dumps(body).encode(),
                                         {"Content-Type": "application/json", "Authorization": "Bearer " + KEY})
        try:
            with urllib.request.urlopen(request, timeout=60) as answer:
                return answer.status, answer.headers, answer.read()
        except urllib.error.HTTPError as e:
            return e.code, e.headers, e.read()

    def post(self, path, body, content_type, headers=None):
        """POSTs raw bytes (the key as Bearer, unless `headers` say how); returns (status, parsed JSON
        body or None)."""
        request = urllib.request.Request(self.base + path, body,
                                         dict({"Content-Type": content_type},
                                              **(headers if headers is not None else {"Authorization": "Bearer " + KEY})))
        return self.exchange(request)

    def get(self, path, headers):
        return self.exchange(urllib.request.Request(self.base + path, headers=headers))

    def exchange(self, request):
        try:
            with urllib.request.urlopen(request, timeout=60) as answer:
                status, data = answer.status, answer.read()
        except urllib.error.HTTPError as e:
            status, data = e.code, e.read()
        except (OSError, http.client.HTTPException) as e:  # a stand-in that broke off is a failed check
            return 0, {"connection": repr(e)}
        try:
            return status, json.loads(data)
        except ValueError:
            return status, None

    def edit(self, parts, boundary=BOUNDARY, closing=True, content_type=None, path="/v1/images/edits", headers=None):
        return self.post(path, multipart(parts, boundary, closing),
                         content_type or f"multipart/form-data; boundary={boundary}", headers)

    def generation(self, body, path="/v1/images/generations", headers=None):
        return self.post(path, json.dumps(body).encode(), "application/json", headers)

    def stop(self):
        self.process.terminate()
        self.process.wait(10)


def decoded(result):
    """The first image of a JSON answer, as RGBA."""
    return Image.open(io.BytesIO(base64.b64decode(result[1]["data"][0]["b64_json"]))).convert("RGBA")


def decoded_format(result):
    """PIL's name for the format of the first image of a JSON answer."""
    return Image.open(io.BytesIO(base64.b64decode(result[1]["data"][0]["b64_json"]))).format


def lazy_checks(s):
    """(name, passed, detail) for the lazy relay: each ignored field shows in the answer as a real
    relay's would, and the request is still held to the strict contract."""
    checks = []

    def check(name, result, ok):
        checks.append((f"lazy_{name}", ok, result if not isinstance(result, tuple) else (result[0], str(result[1])[:200])))

    keep_all = ("mask", picture(1024, 1024, alpha=255), "mask.png", "image/png")
    r = s.edit(edit_parts(prompt="a pear standin-lazy:size", size="1536x1024", image=picture(1536, 1024), mask=False))
    check("size_answers_half_the_size", r, answered_size(r) == ("768x512", (768, 512)))
    r = s.edit(edit_parts(prompt="a pear standin-lazy:quality", quality="medium"))
    r2 = s.edit(edit_parts(prompt="a pear standin-lazy:quality", quality="high"))
    check("quality_names_another", (r, r2), r[0] == 200 and r[1]["quality"] == "high" and r2[1]["quality"] == "low")
    r = s.edit(edit_parts(prompt="a pear standin-lazy:background", background="opaque"))
    check("background_comes_back_transparent", r, r[0] == 200 and r[1]["background"] == "transparent"
          and decoded(r).getextrema()[3] == (0, 0))
    r = s.edit(edit_parts(prompt="a pear", background="opaque"))
    check("honest_background_is_opaque", r, r[0] == 200 and r[1]["background"] == "opaque"
          and decoded(r).getextrema()[3] == (255, 255))
    r = s.edit(edit_parts(prompt="a pear standin-lazy:stream,size", stream="true", partial_images="2"))
    check("stream_answers_plain_json", r, r[0] == 200 and isinstance(r[1], dict) and answered_size(r)[0] == "512x512")
    parts = edit_parts(prompt="a pear standin-lazy:mask", mask=False)
    r = s.edit(parts[:1] + [keep_all] + parts[1:])
    colours = decoded(r).getcolors() if r[0] == 200 else None
    check("mask_repaints_everything", r, colours is not None and len(colours) == 1
          and colours[0][1] != (90, 140, 200, 255))
    # Lazy in what it answers, strict in what it accepts.
    r = s.edit(edit_parts(prompt="a pear standin-lazy:background", model="dall-e-2", image=picture(1024, 1024),
                          mask=False, background="opaque"))
    check("still_refuses_dall_e_2_background", r, refused(r, "background"))
    r = s.edit(edit_parts(prompt="a pear standin-lazy:sise"))
    check("unknown_field_refused", r, refused(r, "prompt"))
    r = s.edit(edit_parts(prompt="a pear standin-lazy:output_format", output_format="jpeg"))
    check("output_format_answers_png", r, r[0] == 200 and r[1]["output_format"] == "png"
          and decoded_format(r) == "PNG")
    r = s.edit(edit_parts(prompt="a pear standin-lazy:output_format", output_format="png"))
    check("output_format_png_answers_webp", r, r[0] == 200 and r[1]["output_format"] == "webp"
          and decoded_format(r) == "WEBP")
    r = s.edit(edit_parts(prompt="a pear", output_format="jpeg"))
    check("honest_output_format", r, r[0] == 200 and r[1]["output_format"] == "jpeg" and decoded_format(r) == "JPEG")
    # Generations: size, quality and output format ignored the same way.
    body = {"model": "gpt-image-1.5", "prompt": "a pear standin-lazy:size,quality,output_format",
            "size": "1536x1024", "quality": "medium", "output_format": "jpeg"}
    r = s.generation(body)
    check("generation_size_quality_format", r, answered_size(r) == ("768x512", (768, 512))
          and r[1]["quality"] == "high" and r[1]["output_format"] == "png" and decoded_format(r) == "PNG")
    r = s.generation(dict(body, prompt="a pear"))
    check("honest_generation", r, answered_size(r) == ("1536x1024", (1536, 1024)) and r[1]["quality"] == "medium"
          and r[1]["output_format"] == "jpeg")
    # A usage marker sets the answer's usage, for a test that knows the cost to expect.
    usage = {"input_tokens": 1237, "output_tokens": 4160, "total_tokens": 5397,
             "input_tokens_details": {"text_tokens": 37, "image_tokens": 1200}}
    r = s.edit(edit_parts(prompt="a pear standin-usage:37,1200,4160"))
    r2 = s.generation(dict(body, prompt="a pear standin-usage:37,1200,4160"))
    check("usage_marker", (r, r2), r[0] == 200 and r[1]["usage"] == usage and r2[0] == 200 and r2[1]["usage"] == usage)
    return checks


def events(body):
    """(event name, data text) of each server-sent event."""
    out = []
    for block in body.decode().split("\r\n\r\n"):
        name, data = None, []
        for line in block.split("\r\n"):
            if line.startswith("event: "):
                name = line[7:]
            elif line.startswith("data: "):
                data.append(line[6:])
        if name:
            out.append((name, "\n".join(data)))
    return out


def depth(text):
    deepest = level = 0
    for ch in text:
        level += ch in "[{"
        level -= ch in "]}"
        deepest = max(deepest, level)
    return deepest


def expand_checks(s):
    """(name, passed, detail) for standin-expand-check: an expand request is accepted only when the
    image is transparent exactly where the mask paints and shows the picture's edge beside it."""
    def pair(left_alpha, right_alpha, width=1024):
        """An image (left half opaque with `left_alpha`, right half `right_alpha`) and the mask
        that paints the right half, as edit parts."""
        image = Image.new("RGBA", (1024, 1024), (90, 140, 200, left_alpha))
        image.paste((0, 0, 0, right_alpha), (width // 2, 0, 1024, 1024))
        mask = Image.new("RGBA", (1024, 1024), (0, 0, 0, 255))
        mask.paste((0, 0, 0, 0), (512, 0, 1024, 1024))
        out = []
        for picture_ in (image, mask):
            buffer = io.BytesIO()
            picture_.save(buffer, format="PNG")
            out.append(buffer.getvalue())
        return out

    def parts(image, mask, prompt="the sea standin-expand-check"):
        return [("image", image, "image.png", "image/png"), ("mask", mask, "mask.png", "image/png"),
                ("prompt", prompt), ("model", "gpt-image-1.5"), ("size", "1024x1024")]

    checks = []
    r = s.edit(parts(*pair(255, 0)))
    checks.append(("expand_exact_request_accepted", r[0] == 200, r))
    r = s.edit(parts(*pair(255, 255)))  # the new area shows something
    checks.append(("expand_painted_area_must_be_transparent", refused(r, "mask"), r))
    r = s.edit(parts(*pair(255, 0, width=512 - 64 * 2)))  # transparent beyond the painted area
    checks.append(("expand_transparency_outside_mask_refused", refused(r, "mask"), r))
    r = s.edit(parts(*pair(0, 0)))  # no picture at all
    checks.append(("expand_edge_must_be_present", refused(r, "mask"), r))
    r = s.edit(parts(*pair(255, 255), prompt="the sea"))  # without the marker: recorded, not refused
    record = s_requests(s)[-1]
    checks.append(("expand_analysis_recorded_without_marker", r[0] == 200
                   and record.get("expand_transparent_where_painted") is False
                   and record.get("expand_edge_present") is True, record))
    return checks


def s_requests(s):
    with urllib.request.urlopen(s.base + "/_requests", timeout=10) as answer:
        return json.load(answer)
def side_by_side_checks(s):
    """Generate Image with several canvases: one size of a prompt fails, the others do not, and the
    record says how many requests were being served at once."""
    def generate(size):
        body = {"model": "gpt-image-1.5", "size": size,
                "prompt": "a banner standin-fault:think:0.4 standin-fail-size:1024x1536:400::No tall ones."}
        return s.generation(body)
    results = {}
    threads = [threading.Thread(target=lambda size=size: results.__setitem__(size, generate(size)))
               for size in ("1024x1024", "1024x1536", "1536x1024")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    with urllib.request.urlopen(s.base + "/_requests", timeout=30) as answer:
        recorded = [r for r in json.loads(answer.read()) if "a banner" in r.get("fields", {}).get("prompt", "")]
    tall = results["1024x1536"]
    return [
        ("fail_size_only_that_size", tall[0] == 400 and tall[1]["error"]["message"] == "No tall ones."
         and results["1024x1024"][0] == 200 and results["1536x1024"][0] == 200,
         {size: r[0] for size, r in results.items()}),
        # The two that think overlap, so the later of them arrived with the earlier still served.
        ("in_flight_recorded", len(recorded) == 3 and max(r["in_flight"] for r in recorded) >= 2,
         [r.get("in_flight") for r in recorded]),
        # Each answer's start is recorded, the failed one's too: two thought 0.4 s before answering.
        ("answer_start_recorded", len(recorded) == 3 and all(r.get("answered", 0) >= r["time"] for r in recorded)
         and sorted(r["answered"] - r["time"] for r in recorded)[-2] >= 0.35,
         [(r.get("time"), r.get("answered")) for r in recorded]),
    ]


def main():
    failures, passed = [], 0
    with tempfile.TemporaryDirectory(prefix="standin-test-") as folder:
        standin = StandIn(folder)
        try:
            checks = contract_checks(standin) + azure_checks(standin) + lazy_checks(standin) + expand_checks(standin)
            status, _, body = standin.generate("a pear standin-fault:echo_key")
            message = json.loads(body)["error"]["message"]
            checks.append(("echo_key", status == 401 and f"provided: {KEY}." in message, (status, message)))
            status, _, body = standin.generate("a pear standin-fault:echo_bearer")
            message = json.loads(body)["error"]["message"]
            checks.append(("echo_bearer", status == 401 and f"Bearer {KEY}" in message, (status, message)))
            status, headers, _ = standin.generate("a pear standin-fault:echo_request_id")
            checks.append(("echo_request_id", status == 401 and headers["x-request-id"] == "Bearer " + KEY,
                           (status, headers["x-request-id"])))
            status, _, body = standin.generate("a pear standin-fault:echo_key_event", stream=True)
            seen = events(body)
            checks.append(("echo_key_event", status == 200 and seen and seen[-1][0] == "error"
                           and f"key {KEY} (Bearer {KEY})" in json.loads(seen[-1][1])["error"]["message"],
                           (status, seen[-1:])))
            status, _, body = standin.generate("a pear standin-fault:control_chars")
            message = json.loads(body)["error"]["message"]
            checks.append(("control_chars", status == 400 and "\x1b[2J" in message and "\r" in message,
                           (status, message)))
            status, _, body = standin.generate("a pear standin-fault:deep_error")
            checks.append(("deep_error", status == 400 and body.startswith(b'{"error": [[') and depth(body.decode())
                           == 100001, (status, len(body))))
            status, _, body = standin.generate("a pear standin-fault:deep_event:5000", stream=True)
            seen = events(body)
            checks.append(("deep_event", status == 200 and [n for n, _ in seen] ==
                           ["image_generation.partial_image"] * 2 + ["image_generation.completed"]
                           and depth(seen[-1][1]) == 5001, (status, [n for n, _ in seen])))
            status, _, body = standin.generate("a pear standin-fault:preview_flood:5", stream=True)
            seen = events(body)
            partial = json.loads(seen[0][1]) if seen else {}
            size = Image.open(io.BytesIO(base64.b64decode(partial.get("b64_json", "")))).size if seen else None
            checks.append(("preview_flood", status == 200 and [n for n, _ in seen] ==
                           ["image_generation.partial_image"] * 5 + ["image_generation.completed"]
                           and size == (8192, 8192) and len(partial["b64_json"]) < 64 * 1024,
                           (status, [n for n, _ in seen], size)))
            checks += side_by_side_checks(standin)
            for name, ok, detail in checks:
                if ok:
                    passed += 1
                    print(f"ok   standin_{name}")
                else:
                    failures.append(name)
                    print(f"FAIL standin_{name}: {detail!r}"[:400])
        finally:
            standin.stop()
    print(f"{passed} passed, {len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
