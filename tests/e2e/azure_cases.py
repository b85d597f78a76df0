"""End-to-end cases for Azure OpenAI: a fill and a generation through each of its routes, in a GIMP
session of their own whose environment holds both services' variables (README, "Azure OpenAI"):
AZURE_OPENAI_ENDPOINT must win over OPENAI_BASE_URL, and AZURE_OPENAI_API_KEY over OPENAI_API_KEY
(the stand-in accepts only the test key, which only AZURE_OPENAI_API_KEY holds).

The stand-in serves two deployments (standin_process.py): "images-prod" running gpt-image-1.5,
reached on the deployment route with GPT_IMAGE_AZURE_MODEL naming its model, and "gpt-image-1.5",
reached on the v1 routes and named after its model (the default rule)."""
from fill_cases import SELECT_ELLIPSE, ellipse_check, rect_inside, request_for, texture_case
from generate_cases import RECT, SELECT_RECT, changed, layer_at, on_texture

API_VERSION = "2025-04-01-preview"
OPENAI_KEY_NOT_FOR_AZURE = "sk-openai-key-that-azure-must-not-get"


def deployment_route_environment(standin, proxy):
    return {"AZURE_OPENAI_ENDPOINT": f"http://127.0.0.1:{standin.port}", "AZURE_OPENAI_API_KEY": standin.key,
            "OPENAI_API_KEY": OPENAI_KEY_NOT_FOR_AZURE, "OPENAI_API_VERSION": API_VERSION,
            "OPENAI_IMAGE_MODEL": "images-prod", "GPT_IMAGE_AZURE_MODEL": "gpt-image-1.5"}


def v1_route_environment(standin, proxy):
    return {"AZURE_OPENAI_ENDPOINT": f"http://127.0.0.1:{standin.port}/", "AZURE_OPENAI_API_KEY": standin.key,
            "OPENAI_API_KEY": OPENAI_KEY_NOT_FOR_AZURE, "OPENAI_IMAGE_MODEL": "gpt-image-1.5"}


def azure_record(c, requests, prompt, path, deployment, version):
    """The request reached Azure's route with the key in api-key only and the deployment as model."""
    record = request_for(requests, prompt)
    if c.expect(record is not None, "the stand-in received no request"):
        c.equal(record["path"].split("?")[0], path, "route")
        c.equal(record.get("api_version"), version, "api-version")
        c.equal((record.get("auth"), record.get("authorization_sent")), ("api-key", False),
                "key in the api-key header, no Authorization header")
        c.equal(record.get("sent_model"), deployment, "the body's model field (the deployment)")
    return record


def fill_check(path, deployment, version):
    def check(c, p, report, before, after, requests, output):
        ellipse_check(c, p, report, before, after, requests, output)  # geometry and fields as for OpenAI
        azure_record(c, requests, p["prompt"], path, deployment, version)
    return check


def generate_check(path, deployment, version):
    def check(c, p, report, before, after, requests, output):
        layer_at(c, report, RECT, "Generated: " + p["prompt"])
        inside = rect_inside(before.shape[:2], *RECT)
        diff = changed(before, after)
        c.expect(not (diff & ~inside).any(), "pixels outside the selection's box changed")
        c.expect(diff[inside].mean() > 0.95, "the selection's box was not covered by the generated picture")
        record = azure_record(c, requests, p["prompt"], path, deployment, version)
        if record:
            c.equal(record["fields"].get("size"), "1536x1024", "request size (gpt-image-1.5's rules)")
    return check


DEPLOYMENT = ("azure_deployment_route", deployment_route_environment)
V1 = ("azure_v1_route", v1_route_environment)
GENERATE = '(t-generate img base "{prompt}" "auto" 1 "auto" "png" "letterbox" (list))'

CASES = [
    ("azure_deployment_fill", "an azure pear on the table", texture_case(SELECT_ELLIPSE, "medium", 1),
     fill_check("/openai/deployments/images-prod/images/edits", "images-prod", API_VERSION), DEPLOYMENT),
    ("azure_deployment_generate", "an azure lighthouse", on_texture(GENERATE, SELECT_RECT),
     generate_check("/openai/deployments/images-prod/images/generations", "images-prod", API_VERSION), DEPLOYMENT),
    ("azure_v1_fill", "an azure plum on the table", texture_case(SELECT_ELLIPSE, "medium", 1),
     fill_check("/openai/v1/images/edits", "gpt-image-1.5", None), V1),
    ("azure_v1_generate", "an azure harbour", on_texture(GENERATE, SELECT_RECT),
     generate_check("/openai/v1/images/generations", "gpt-image-1.5", None), V1),
]
