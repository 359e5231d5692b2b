#!/bin/sh
# Builds the embedded FerretDB (v1.24.2, PostgreSQL backend) into ferretdb/bin/ferretdb
# from the Go module proxy, unless it is already there. Run by `npm install`.
set -e
cd "$(dirname "$0")"
if [ -x bin/ferretdb ] && [ bin/ferretdb -nt main.go ] && [ bin/ferretdb -nt go.mod ] && [ bin/ferretdb -nt go.sum ]; then
  exit 0
fi
if ! command -v go >/dev/null 2>&1; then
  echo "ferretdb/build.sh: Go is not installed; it is needed to build the embedded FerretDB (or set MONGODB_URI)" >&2
  exit 1
fi
echo "building embedded FerretDB v1.24.2 (first time only, a few minutes)..." >&2
# -checklinkname=0: newer Go linkers refuse a //go:linkname in a FerretDB dependency.
go build -mod=readonly -trimpath -ldflags=-checklinkname=0 -o bin/ferretdb .
echo "built ferretdb/bin/ferretdb" >&2
