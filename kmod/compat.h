/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The only file that knows kernel versions. Kbuild force-includes it into
 * every kmod/ file; where behaviour must differ, logic files test the
 * REFLECT_HAVE_* names defined here, each tied to the kernel change that
 * introduced it, and never LINUX_VERSION_CODE itself.
 */
#ifndef _REFLECT_COMPAT_H
#define _REFLECT_COMPAT_H

#include <linux/version.h>

/* Keep this range equal to BUILD_EXCLUSIVE_KERNEL in dkms.conf. */
#if LINUX_VERSION_CODE < KERNEL_VERSION(5, 10, 0)
#error "reflect needs Linux 5.10 or later (genl_small_ops appeared in 5.10)"
#endif
#if LINUX_VERSION_CODE >= KERNEL_VERSION(8, 0, 0)
#error "reflect is untested on Linux 8.x: review compat.h and dkms.conf"
#endif

/*
 * Linux 6.1, "u64_stats: Streamline the implementation": 32-bit UP kernels
 * now guard u64_stats with a seqcount as well, so plain
 * u64_stats_fetch_begin() copes with writers in softirq context. Before,
 * such readers had to use the _irq() variants, which were then removed.
 */
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 1, 0)
#define REFLECT_HAVE_IRQSAFE_U64_STATS_FETCH
#endif

/*
 * Linux 6.5, "net: move gso declarations and functions to their own
 * files": skb_gso_validate_network_len() is declared in <net/gso.h>.
 */
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 5, 0)
#define REFLECT_HAVE_NET_GSO_H
#endif

/*
 * Linux 6.6, "genetlink: add struct genl_info to struct genl_dumpit_info":
 * a dump reaches its parsed request attributes through genl_info_dump(),
 * and the attrs member of genl_dumpit_info went away soon after. Before,
 * it was genl_dumpit_info(cb)->attrs (since 5.5).
 */
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 6, 0)
#define REFLECT_HAVE_GENL_INFO_DUMP
#endif

/*
 * Linux 5.11-6.1: int_active_memcg, the per-CPU memory cgroup that
 * set_active_memcg() sets outside task context, is exported to modules
 * (5.10 does not export it; 6.1 is the first kernel of the matrix that
 * does). Only then can entries learned in softirq be charged to the
 * namespace's memory cgroup; before, they go uncharged.
 */
#if defined(CONFIG_MEMCG) && LINUX_VERSION_CODE >= KERNEL_VERSION(6, 1, 0)
#define REFLECT_HAVE_SOFTIRQ_MEMCG
#endif

/*
 * Linux 5.18, "xfrm: fix "disable_policy" flag use when arriving from
 * different devices": rt_dst_alloc() lost its nopolicy argument (the flag
 * moved to the input path). The routes made here are for output: no flag.
 */
#if LINUX_VERSION_CODE >= KERNEL_VERSION(5, 18, 0)
#define reflect_rt_dst_alloc(dev) rt_dst_alloc(dev, 0, RTN_UNICAST, false)
#else
#define reflect_rt_dst_alloc(dev) \
	rt_dst_alloc(dev, 0, RTN_UNICAST, false, false)
#endif

#endif /* _REFLECT_COMPAT_H */
