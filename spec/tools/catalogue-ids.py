#!/usr/bin/env python3
"""Prints the catalogue as a Markdown list of ids: level, needsBroker, statement, by group.

Usage: python3 spec/tools/catalogue-ids.py [spec/catalogue.json] > catalogue-ids.md
"""
import json
import os
import sys

path = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "catalogue.json")
with open(path, encoding="utf-8") as f:
    doc = json.load(f)

rules = doc["assertions"]
print("# Catalogue ids (generated from spec/catalogue.json by spec/tools/catalogue-ids.py; do not edit)")
print()
print(f"{len(rules)} rules. Columns: id, level (must = a source states it; reference = our decision), "
      "broker (yes = checking it needs a running broker), MQTT versions when not both, statement.")
for group in doc["groups"]:
    members = [r for r in rules if r["id"].split("-")[0] == group["id"]]
    print()
    print(f"## {group['id']}: {group['title']} ({len(members)})")
    print()
    for r in members:
        versions = "" if len(r["mqttVersions"]) == 2 else f" · MQTT {r['mqttVersions'][0]} only"
        broker = "broker" if r["needsBroker"] else "no broker"
        print(f"- `{r['id']}` · {r['level']} · {broker}{versions} · {r['statement']}")
