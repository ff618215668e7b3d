/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Netfilter hooks of one network namespace.
 */
#ifndef _REFLECT_HOOKS_H
#define _REFLECT_HOOKS_H

struct net;

int reflect_hooks_register(struct net *net);
void reflect_hooks_unregister(struct net *net);

#endif /* _REFLECT_HOOKS_H */
