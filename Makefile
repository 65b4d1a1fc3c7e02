# drydock — see README.md. Every target works on a fresh machine with Go.
GO        ?= go
BIN       ?= bin/drydock
PKGS      ?= ./...
GOLANGCI_LINT_VERSION ?= v2.15.0
GOLANGCI_LINT ?= $(GO) run github.com/golangci/golangci-lint/v2/cmd/golangci-lint@$(GOLANGCI_LINT_VERSION)
FUZZTIME  ?= 30s
BENCHTIME ?= 1s

.PHONY: all build install test test-short test-race lint bench bench-peers fuzz serve clean

all: build

## build: compile bin/drydock
build:
	$(GO) build -o $(BIN) ./cmd/drydock

## install: install drydock into $(go env GOPATH)/bin
install:
	$(GO) install ./cmd/drydock

## test: every test, the integration tests (AWS CLI, crash, Terraform) and the fuzz seed corpora included
test:
	$(GO) test -count=1 -timeout 20m $(PKGS)

## test-short: unit tests only (no child processes, no AWS CLI or Terraform)
test-short:
	$(GO) test -short -count=1 $(PKGS)

## test-race: unit tests under the race detector
test-race:
	$(GO) test -short -race -count=1 -timeout 30m $(PKGS)

## lint: go vet, then golangci-lint (pinned, built from the module proxy on first use)
lint:
	$(GO) vet $(PKGS)
	$(GOLANGCI_LINT) run $(PKGS)

## bench: Go benchmarks
bench:
	$(GO) test -run '^$$' -bench . -benchmem -benchtime $(BENCHTIME) $(PKGS)

## fuzz: run every fuzz target for FUZZTIME each
fuzz:
	@set -e; for pkg in $$($(GO) list $(PKGS)); do \
	  for f in $$($(GO) test -list '^Fuzz' $$pkg | grep '^Fuzz' || true); do \
	    echo "== $$pkg $$f"; $(GO) test -run '^$$' -fuzz "^$$f$$" -fuzztime $(FUZZTIME) $$pkg; \
	  done; \
	done

## serve: run fakeaws on 127.0.0.1:4566 with state in ~/.drydock/fakeaws
serve:
	$(GO) run ./cmd/drydock aws serve

clean:
	rm -rf bin

## bench-peers: the same SDK workloads against fakeaws and moto_server (needs moto_server on PATH)
bench-peers:
	$(GO) run ./tools/benchpeers -duration $(or $(PEER_DURATION),3s)
