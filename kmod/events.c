// SPDX-License-Identifier: GPL-2.0
/*
 * Events: learn, move, flap, expire and evict, announced to the listeners
 * of the "events" group in the namespace where they happen.
 *
 * Called from the packet path (softirq) and from the garbage collector,
 * often under a bucket lock: nothing here sleeps. When nobody listens the
 * cost is one genl_has_listeners() test. A flood of new peers must not
 * turn into a flood of netlink messages, so a per-namespace token bucket
 * limits the rate; what it holds back is counted and reported with the
 * next event announced (REFLECT_A_EVENTS_LOST), so a listener knows its
 * picture is incomplete.
 */
#include <net/genetlink.h>

#include "dump.h"
#include "netlink.h"
#include "reflect.h"

void reflect_events_init(struct reflect_events *ev, u32 rate)
{
	spin_lock_init(&ev->lock);
	ev->tokens = rate;
	ev->lost = 0;
	ev->refilled = jiffies;
}

/*
 * Takes a token if one is left; on success *@lost is what was held back
 * before, on failure the event counts as lost.
 */
static bool take_token(struct reflect_events *ev, u32 rate, u32 *lost)
{
	unsigned long now = jiffies, elapsed;
	bool ok = false;

	spin_lock_bh(&ev->lock);
	elapsed = now - ev->refilled;
	if (elapsed >= HZ) {
		ev->tokens = rate;
		ev->refilled = now;
	} else if (elapsed) {
		u32 add = div_u64((u64)elapsed * rate, HZ);

		/* Keep the remainder: a low rate still refills over time. */
		if (add) {
			ev->tokens = min(ev->tokens + add, rate);
			ev->refilled = now;
		}
	}
	if (ev->tokens) {
		ev->tokens--;
		*lost = ev->lost;
		ev->lost = 0;
		ok = true;
	} else if (ev->lost < U32_MAX) {
		ev->lost++;
	}
	spin_unlock_bh(&ev->lock);
	return ok;
}

static void count_lost(struct reflect_events *ev, u32 n)
{
	spin_lock_bh(&ev->lock);
	ev->lost = n > U32_MAX - ev->lost ? U32_MAX : ev->lost + n;
	spin_unlock_bh(&ev->lock);
}

/* @e must stay valid during the call (RCU or its bucket lock). */
void reflect_event(struct reflect_net *rn, enum reflect_event type,
		   const struct reflect_entry *e)
{
	u32 rate = READ_ONCE(rn->config.event_rate), lost;
	struct sk_buff *msg;
	void *hdr;

	if (!rate || !genl_has_listeners(&reflect_netlink_family, rn->net,
					 REFLECT_MCGRP_EVENTS))
		return;
	if (!take_token(&rn->events, rate, &lost))
		return;

	msg = genlmsg_new(nla_total_size(sizeof(u8)) +
			  nla_total_size(sizeof(u32)) +
			  reflect_dump_entry_size(), GFP_ATOMIC);
	if (!msg)
		goto err_lost;
	hdr = genlmsg_put(msg, 0, 0, &reflect_netlink_family, 0,
			  REFLECT_CMD_EVENT);
	if (!hdr || nla_put_u8(msg, REFLECT_A_EVENT, type) ||
	    (lost && nla_put_u32(msg, REFLECT_A_EVENTS_LOST, lost)) ||
	    reflect_dump_entry(msg, rn, e)) {
		nlmsg_free(msg);
		goto err_lost;
	}
	genlmsg_end(msg, hdr);
	/* Fails only when the last listener left meanwhile. */
	genlmsg_multicast_netns(&reflect_netlink_family, rn->net, msg, 0,
				REFLECT_MCGRP_EVENTS, GFP_ATOMIC);
	return;

err_lost:
	count_lost(&rn->events, lost + 1);
}
