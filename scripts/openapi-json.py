#!/usr/bin/env python3
"""Regenerates caseapi/openapi/*.json from the unmodified VNG OAS YAML files beside them.

The standard requires each API root to serve its OAS at `openapi.json`; the provider embeds
both forms. Run after replacing a YAML file: python3 scripts/openapi-json.py
"""
import json
import pathlib

import yaml

folder = pathlib.Path(__file__).resolve().parent.parent / "caseapi" / "openapi"
for source in sorted(folder.glob("*.yaml")):
    spec = yaml.safe_load(source.read_text(encoding="utf-8"))
    target = source.with_suffix(".json")
    target.write_text(json.dumps(spec, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    print(f"{source.name} -> {target.name}")
