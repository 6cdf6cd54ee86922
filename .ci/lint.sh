#!/usr/bin/env bash
# Lints the process and decision models as Camunda's tools see them, without Maven:
# bpmnlint (bpmnlint:recommended + Camunda 7.24 compatibility) on every bpmn/*.bpmn and
# dmnlint (dmnlint:recommended) on every dmn/*.dmn. Fails on any error or warning.
# The linters are pinned in .ci/lint/package-lock.json and installed there by `npm ci`.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
lint="${root}/.ci/lint"
cd "${lint}"

if [ ! -x node_modules/.bin/bpmnlint ] || [ ! -x node_modules/.bin/dmnlint ] \
   || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund --prefer-offline --loglevel=error
fi

echo "== bpmnlint (bpmnlint:recommended, camunda-compat/camunda-platform-7-24) =="
# --max-warnings=0: a warning fails the step as an error does.
node_modules/.bin/bpmnlint --config .bpmnlintrc --max-warnings=0 "${root}"/bpmn/*.bpmn
echo "BPMN: no problem in $(ls "${root}"/bpmn/*.bpmn | wc -l) models"

echo "== dmnlint (dmnlint:recommended) =="
# dmnlint exits non-zero on errors only; its summary line "✖ N problems" also counts warnings.
dmn_out="$(node_modules/.bin/dmnlint --config .dmnlintrc "${root}"/dmn/*.dmn 2>&1)" || { echo "${dmn_out}"; exit 1; }
if grep -q 'problem' <<<"${dmn_out}"; then
  echo "${dmn_out}"
  exit 1
fi
echo "DMN: no problem in $(ls "${root}"/dmn/*.dmn | wc -l) models"
