package autoscaling

import (
	"fmt"
	"time"
)

// advanceRefresh moves the group's instance refresh on, and returns how
// many instances the group may run above its desired capacity to launch
// replacements ahead of the instances they replace.
//
// The refresh keeps ceil(desired × MinHealthyPercentage / 100) instances
// InService, healthy and warmed up. When MaxSize (and MaxHealthyPercentage,
// if set) leaves room above the desired capacity, replacements launch
// first; otherwise old instances terminate first, at least one at a time.
func (st *step) advanceRefresh() (int, error) {
	g, t := st.g, st.now
	if g.Refresh == "" {
		return 0, nil
	}
	key := g.Refresh
	b := st.sc.bucket(st.tx, kindRefreshes)
	var rf refresh
	ok, err := b.Get(key, &rf)
	if err != nil {
		return 0, err
	}
	if !ok || refreshDone(rf.Status) {
		g.Refresh = ""
		return 0, nil
	}
	switch rf.Status {
	case refCancelling:
		rf.Status, rf.End, rf.StatusReason = refCancelled, t, "The instance refresh was cancelled by a user request."
		g.Refresh = ""
		return 0, b.Put(key, &rf)
	case refPending:
		rf.Status = refInProgress
	}
	st.refresh = &rf

	warmup := st.warmup(&rf)
	var remaining []*instance
	old := map[string]bool{}
	for _, id := range rf.ToReplace {
		if in := g.instance(id); in != nil && counts(in.State) {
			remaining = append(remaining, in)
			old[id] = true
		}
	}
	// ready: InService and healthy, and for a new instance warmed up.
	ready := func(in *instance) bool {
		return in.State == stInService && in.Health == healthy && (old[in.ID] || !t.Before(in.InServiceAt.Add(warmup)))
	}
	healthyNow := 0
	for _, in := range g.Instances {
		if counts(in.State) && ready(in) {
			healthyNow++
		}
	}
	desired := g.Desired
	floor := ceilDiv(desired*rf.Prefs.MinHealthy, 100)
	surge := 0
	if len(remaining) > 0 {
		room := g.Max - desired
		if mh := rf.Prefs.MaxHealthy; mh != nil {
			room = min(room, desired**mh/100-desired)
		}
		surge = clamp(room, 0, len(remaining))
	}
	if surge == 0 && floor >= desired {
		floor = desired - 1 // one at a time
	}
	if !g.suspended("InstanceRefresh") && !g.suspended("Terminate") {
		budget := healthyNow - max(floor, 0)
		for len(remaining) > 0 {
			// Old instances that are not serving yet cost nothing.
			var pool []*instance
			for _, in := range remaining {
				if !ready(in) {
					pool = append(pool, in)
				}
			}
			costly := len(pool) == 0
			if costly {
				if budget <= 0 {
					break
				}
				pool = remaining
			}
			victim := pickVictim(g, pool, t)
			cause := fmt.Sprintf("At %s an instance was taken out of service in response to an instance refresh.  At %s instance %s was selected for termination.", causeTime(t), causeTime(t), victim.ID)
			if err := st.s.startTermination(st.tx, st.sc, g, victim, cause, "", t); err != nil {
				return 0, err
			}
			remaining = dropInstance(remaining, victim)
			if costly {
				budget--
			}
		}
	} else {
		surge = 0
	}
	rf.ToReplace = nil
	for _, in := range remaining {
		rf.ToReplace = append(rf.ToReplace, in.ID)
	}
	// Launch ahead only for old instances still serving: once this round
	// has taken them out, a surge would overshoot and scale-in would then
	// take a new instance with it.
	surge = min(surge, len(remaining))

	serving, notReady := 0, len(g.Launches)
	for _, in := range g.Instances {
		if !counts(in.State) {
			continue
		}
		serving++
		if !ready(in) && !old[in.ID] {
			notReady++
		}
	}
	rf.ToUpdate = len(remaining)
	if rf.ToUpdate == 0 && notReady == 0 && serving == desired {
		rf.Status, rf.End, rf.Percent = refSuccessful, t, 100
		if rf.Desired != nil {
			d := *rf.Desired
			if g.Mixed != nil {
				g.Mixed.Template = d
			} else {
				g.Template = &d
			}
		}
		g.Refresh, st.refresh = "", nil
		return 0, b.Put(key, &rf)
	}
	if rf.Total > 0 {
		rf.Percent = clamp((rf.Total-rf.ToUpdate-notReady)*100/rf.Total, 0, 99)
	}
	return surge, b.Put(key, &rf)
}

// warmup is how long an instance must be InService before the refresh
// counts it healthy.
func (st *step) warmup(rf *refresh) time.Duration {
	secs := st.g.HealthCheckGrace
	if st.g.DefaultWarmup != nil {
		secs = *st.g.DefaultWarmup
	}
	if rf.Prefs.Warmup != nil {
		secs = *rf.Prefs.Warmup
	}
	return st.s.scale(time.Duration(secs) * time.Second)
}

func ceilDiv(a, b int) int { return (a + b - 1) / b }

func dropInstance(list []*instance, drop *instance) []*instance {
	var out []*instance
	for _, in := range list {
		if in != drop {
			out = append(out, in)
		}
	}
	return out
}
