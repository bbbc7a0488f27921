# The two commands a newcomer types: `make demo` and `make test`. Each installs what is missing first.
SWIFT ?= swift
APT_PACKAGES := libfftw3-dev libhdf5-dev libopenblas-dev zlib1g-dev pkg-config
RELEASE_BIN := .build/release/repanalyze
DEMO_DIR ?= demo-output

.PHONY: deps build release test test-browser fuzz demo demo-trained bench bench-reference clean

# Installs Debian's C libraries when one is missing; silent when all are there. Uses sudo when not root.
deps:
	@missing=""; for p in $(APT_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  SUDO=""; [ "$$(id -u)" -eq 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null; \
	fi

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release

# The SLURM tests run against a one-node cluster on localhost (scripts/slurm_cluster.sh installs slurm-wlm and
# munge when missing, starts munged, slurmctld and slurmd, and stops them by pid afterwards, whatever the tests'
# outcome). Where it cannot start, those tests are reported as skipped with the reason; the others still run.
test: deps
	$(SWIFT) build --build-tests
	@rc=0; scripts/slurm_cluster.sh start; export $$(scripts/slurm_cluster.sh env); \
	  echo "$(SWIFT) test --skip-build"; \
	  $(SWIFT) test --skip-build || rc=$$?; \
	  scripts/slurm_cluster.sh stop; exit $$rc

# The report in headless Chromium (Debian package `chromium`, installed when missing): images decode, sections are
# there, the torus pictures (flat torus by x and by y, phase maps, torus of revolution) are there and show data, no
# network references, no console errors; screenshots in out/browser-test/. Not part of `make test` because CI would
# have to install a browser (~300 MB); it takes about a minute once built (20 s of CPU; the simulated page decodes a
# module's torus).
test-browser: deps
	@command -v chromium >/dev/null 2>&1 || { SUDO=""; [ "$$(id -u)" -eq 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null; }
	$(SWIFT) build
	scripts/browser_test.sh .build/debug/repanalyze

# Randomised corruption of the hostile-input corpus (Tests/Fixtures/hostile) against every reading command: no
# crash, no hang, exit 0/1, one line naming the file, outputs untouched on failure (scripts/fuzz_hostile.py,
# standard-library Python). Not part of `make test`: it takes minutes. FUZZ_CASES=1000 FUZZ_SEED=7 make fuzz
FUZZ_CASES ?= 200
FUZZ_SEED ?= 1
fuzz: build
	python3 scripts/fuzz_hostile.py --binary .build/debug/repanalyze --cases $(FUZZ_CASES) --seed $(FUZZ_SEED)

demo: release
	@mkdir -p $(DEMO_DIR)
	$(RELEASE_BIN) demo -o $(DEMO_DIR)

# The network our own trainer produced (examples/trained/): rollout → rate maps → gridness → modules → torus → report.
demo-trained: release
	$(RELEASE_BIN) demo --trained -o demo-trained

# Benchmarks (not tests): our figures, then the reference tools' in the same run (they install into .venv).
bench: release
	$(RELEASE_BIN) bench-grid
	$(RELEASE_BIN) bench-train --units 64 128
	scripts/bench_tda.sh --quick

bench-reference: release
	scripts/bench_tda.sh
	.venv/bin/python scripts/bench_grid_reference.py --swift $(RELEASE_BIN)
	.venv/bin/python -c "import jax" 2>/dev/null || .venv/bin/pip install -q jax
	$(RELEASE_BIN) bench-train --units 64 128 256 --jax .venv/bin/python
	.venv/bin/python -c "import dreimac" 2>/dev/null || .venv/bin/pip install -q dreimac
	.venv/bin/python scripts/bench_torus_dreimac.py $(RELEASE_BIN)
	.venv/bin/python -c "import gudhi, gph" 2>/dev/null || .venv/bin/pip install -q gudhi giotto-ph
	.venv/bin/python scripts/bench_tda_scaling.py --swift $(RELEASE_BIN)

clean:
	rm -rf .build
