/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Announcements on the REFLECT family's "events" multicast group.
 */
#ifndef _REFLECT_EVENTS_H
#define _REFLECT_EVENTS_H

#include <linux/spinlock.h>
#include <linux/types.h>

#include "uapi/reflect.h"

struct reflect_net;
struct reflect_entry;

/* Index of the group in the family's mcgrps (netlink.c). */
#define REFLECT_MCGRP_EVENTS	0

/*
 * One namespace's rate limit: a token bucket refilled at event_rate a
 * second, holding at most one second's worth, and the events the limit
 * (or a failed allocation) kept back since the last one announced.
 */
struct reflect_events {
	spinlock_t lock;		/* the fields below */
	u32 tokens;
	u32 lost;
	unsigned long refilled;	/* jiffies */
};

void reflect_events_init(struct reflect_events *ev, u32 rate);
void reflect_event(struct reflect_net *rn, enum reflect_event type,
		   const struct reflect_entry *e);

#endif /* _REFLECT_EVENTS_H */
