#!/usr/bin/python3
"""End-to-end tests of Generative Fill in real, headless GIMPs against the stand-in API.

  run_e2e.py --gimp 2.10 --plugin build/gimp2/plugin/hosts/gimp-gpt-image
  run_e2e.py --gimp 3.0 --plugin <chroot>/src/build-gimp3/... --root <chroot>

All cases run in one GIMP session (GIMP's start-up dominates); each reports to its own files.
Prints one line per case and, last, "N passed, N failed"; exits non-zero when a case failed."""
import argparse
import os
import sys
import traceback

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from fill_cases import CASES, GAIN, OFFSET, Check, load, make_texture  # noqa: E402
from gimp_runner import GimpRunner  # noqa: E402
from readme_examples import run_readme_examples  # noqa: E402
from standin_process import StandIn  # noqa: E402
from translation_cases import run_translation_cases  # noqa: E402

TEST_KEY = "sk-test-e2e-0123456789abcdef"


def read_report(path):
    report = {}
    if not os.path.exists(path):
        return None
    for line in open(path, encoding="utf-8"):
        key, _, value = line.rstrip("\n").partition(" ")
        try:
            report[key] = int(value)
        except ValueError:
            report[key] = value
    return report


def files_below(folder):
    for root, _, names in os.walk(folder):
        for name in names:
            path = os.path.join(root, name)
            if os.path.isfile(path) and not os.path.islink(path):
                yield path


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--gimp", choices=["2.10", "3.0"], required=True)
    parser.add_argument("--plugin", required=True)
    parser.add_argument("--root", default="", help="chroot holding this GIMP")
    parser.add_argument("--only", default="", help="run only cases whose name contains this")
    args = parser.parse_args()

    runner = GimpRunner(args.gimp, args.plugin, args.root)
    work = runner.work_dir("gimp" + args.gimp)
    standin = StandIn(work, TEST_KEY)
    passed = failed = 0
    try:
        standin.control(gain=GAIN, offset=OFFSET)
        texture = os.path.join(work, "texture.png")
        make_texture(texture)
        cases = [case for case in CASES if args.only in case[0]]
        script, params = [], {}
        for name, prompt, scheme, _ in cases:
            case_dir = os.path.join(work, name)
            os.makedirs(case_dir)
            p = {"dir": case_dir, "prompt": prompt, "input": runner.inside(texture), "gimp": args.gimp,
                 "home": os.path.join(work, "home"), "base_url": standin.base_url, "texture_host": texture}
            for key in ("before", "after"):
                p[key] = runner.inside(os.path.join(case_dir, key + ".png"))
            p["report"] = runner.inside(os.path.join(case_dir, "report.txt"))
            params[name] = p
            # Each case in its own catch, so one broken case cannot stop the others.
            script.append(f'(catch (t-report "{p["report"]}" (list (list "scheme_error" 1))) {scheme(p)})')
        # No OPENAI_IMAGE_MODEL: the model comes from the settings (default gpt-image-1.5).
        environment = {"OPENAI_API_KEY": TEST_KEY, "OPENAI_BASE_URL": standin.base_url}
        code, output = runner.run(work, "\n".join(script), environment)
        requests = standin.requests()
        leaks = [path for path in files_below(os.path.join(work, "home")) if TEST_KEY.encode() in open(path, "rb").read()]
        if TEST_KEY in output or leaks:
            print(f"FAIL gimp{args.gimp} key_kept_secret: the API key appears in GIMP's output or in {leaks}")
            failed += 1
        else:
            print(f"ok   gimp{args.gimp} key_kept_secret")
            passed += 1
        for name, _, _, check in cases:
            p = params[name]
            c = Check()
            report = read_report(os.path.join(p["dir"], "report.txt"))
            try:
                if c.expect(report is not None, f"GIMP wrote no report (exit code {code}); see "
                                                f"{os.path.join(work, 'gimp-output.txt')}"):
                    host = lambda key: os.path.join(p["dir"], key + ".png")  # noqa: E731
                    before = load(host("before")) if os.path.exists(host("before")) else None
                    after = load(host("after"))
                    if c.expect("scheme_error" not in report, "the case's Scheme raised an error"):
                        check(c, p, report, before, after, requests, output)
            except Exception:
                c.failures.append("check raised:\n" + traceback.format_exc())
            if c.failures:
                failed += 1
                print(f"FAIL gimp{args.gimp} {name}")
                for failure in c.failures:
                    print("       - " + failure)
            else:
                passed += 1
                print(f"ok   gimp{args.gimp} {name}")
        extra = []
        if not args.only or "readme" in args.only:
            extra.append(run_readme_examples(runner, work, texture, environment))
        if not args.only or "translated" in args.only:
            extra.append(run_translation_cases(runner, environment))
        for group in extra:
            for name, failures in group:
                if failures:
                    failed += 1
                    print(f"FAIL gimp{args.gimp} {name}")
                    for failure in failures:
                        print("       - " + failure)
                else:
                    passed += 1
                    print(f"ok   gimp{args.gimp} {name}")
    finally:
        standin.stop()
    print(f"{passed} passed, {failed} failed")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
