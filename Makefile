# SPDX-License-Identifier: GPL-2.0
#
# Convenience wrapper; kbuild itself reads ./Kbuild.
#   make [KDIR=<kernel build dir>]	build reflect.ko
#   make clean
#   make style				checkpatch --strict on the kernel C files
#   make dkms-source [DESTDIR=]		the module's source and dkms.conf under
#					$(DESTDIR)/usr/src/reflect-VERSION, for
#					`dkms install reflect/VERSION` without the package

KDIR ?= /lib/modules/$(shell uname -r)/build
CHECKPATCH ?= $(KDIR)/scripts/checkpatch.pl
CHECKPATCH_FLAGS := --no-tree --strict --file
STYLE_FILES := $(filter-out kmod/compat.h,\
	$(wildcard kmod/*.[ch] tests/qemu/fixtures/*/*.c))

# The one version, also the packages' and reflectctl's (ci/package).
VERSION := $(shell sed -n 's/^\#define REFLECT_VERSION "\([^"]*\)"$$/\1/p' kmod/reflect.h)

all:
	$(MAKE) -C $(KDIR) M=$(CURDIR) modules

dkms-source:
	install -d $(DESTDIR)/usr/src/reflect-$(VERSION)
	cp -a Kbuild Makefile kmod $(DESTDIR)/usr/src/reflect-$(VERSION)/
	sed 's/#MODULE_VERSION#/$(VERSION)/' packaging/dkms.conf > $(DESTDIR)/usr/src/reflect-$(VERSION)/dkms.conf

clean:
	$(MAKE) -C $(KDIR) M=$(CURDIR) clean

# Debian's linux-kbuild packages do not ship checkpatch.pl, so fail with
# a pointer to where one can be had instead of silently skipping the check.
style:
	@if [ ! -f "$(CHECKPATCH)" ]; then \
		echo "make style: $(CHECKPATCH) not found." >&2; \
		echo "  Debian's kernel headers lack it: take scripts/checkpatch.pl" >&2; \
		echo "  (with spelling.txt and const_structs.checkpatch beside it)" >&2; \
		echo "  from a kernel source tree, e.g. the linux-source package," >&2; \
		echo "  and run: make style CHECKPATCH=/path/to/checkpatch.pl" >&2; \
		exit 1; \
	fi
	perl $(CHECKPATCH) $(CHECKPATCH_FLAGS) $(STYLE_FILES)
	@# User space has no BIT(): uapi headers spell their flags out.
	perl $(CHECKPATCH) $(CHECKPATCH_FLAGS) --ignore BIT_MACRO kmod/uapi/*.h
	@# Version tests are compat.h's whole job, and checkpatch mistakes
	@# LINUX_VERSION_CODE for a constant on the wrong side of a comparison.
	perl $(CHECKPATCH) $(CHECKPATCH_FLAGS) \
		--ignore LINUX_VERSION_CODE,CONSTANT_COMPARISON kmod/compat.h

.PHONY: all clean style dkms-source
