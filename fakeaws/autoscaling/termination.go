package autoscaling

import (
	"sort"
	"strconv"
	"time"
)

// pickVictim chooses the instance to terminate among candidates, as Auto
// Scaling does: first the zone with the most instances (ties to the last
// by name, so that scale-in mirrors scale-out), then the group's
// termination policies in order, then the Default policy, then the lowest
// instance ID.
func pickVictim(g *group, candidates []*instance, t time.Time) *instance {
	if len(candidates) == 0 {
		return nil
	}
	byZone := map[string]int{}
	for _, in := range g.Instances {
		if counts(in.State) {
			byZone[in.AZ]++
		}
	}
	zone := ""
	for _, in := range candidates {
		if zone == "" || byZone[in.AZ] > byZone[zone] || byZone[in.AZ] == byZone[zone] && in.AZ > zone {
			zone = in.AZ
		}
	}
	var inZone []*instance
	for _, in := range candidates {
		if in.AZ == zone {
			inZone = append(inZone, in)
		}
	}
	return narrowByPolicies(g, inZone, t)
}

// narrowByPolicies applies the termination policies to candidates of one
// zone and returns the one to terminate.
func narrowByPolicies(g *group, cands []*instance, t time.Time) *instance {
	policies := append(append([]string(nil), g.TerminationPolicies...), "Default")
	for _, p := range policies {
		if len(cands) == 1 {
			break
		}
		switch p {
		case "OldestLaunchTemplate", "OldestLaunchConfiguration":
			cands = oldestTemplate(g, cands)
		case "OldestInstance":
			cands = minBy(cands, func(in *instance) int64 { return in.LaunchedAt.UnixNano() })
		case "NewestInstance":
			cands = minBy(cands, func(in *instance) int64 { return -in.LaunchedAt.UnixNano() })
		case "ClosestToNextInstanceHour":
			cands = minBy(cands, func(in *instance) int64 { return -int64(t.Sub(in.LaunchedAt) % time.Hour) })
		case "Default":
			// Oldest launch template, then closest to the next billing
			// hour, which is taken here as the oldest launch.
			cands = oldestTemplate(g, cands)
			cands = minBy(cands, func(in *instance) int64 { return in.LaunchedAt.UnixNano() })
		}
	}
	sort.Slice(cands, func(i, j int) bool { return cands[i].ID < cands[j].ID })
	return cands[0]
}

// oldestTemplate keeps the instances of the oldest launch template:
// instances not launched from the group's template first, then the lowest
// version.
func oldestTemplate(g *group, cands []*instance) []*instance {
	current := g.template()
	return minBy(cands, func(in *instance) int64 {
		if in.Template == nil || !sameTemplate(*in.Template, current) {
			return -1
		}
		v, err := strconv.ParseInt(in.Template.Version, 10, 64)
		if err != nil {
			return 0
		}
		return v
	})
}

// sameTemplate reports whether two refs name the same template (by ID or
// by name), whatever the version.
func sameTemplate(a, b TemplateRef) bool {
	return a.ID != "" && a.ID == b.ID || a.Name != "" && a.Name == b.Name
}

// minBy keeps the items with the least key.
func minBy(items []*instance, key func(*instance) int64) []*instance {
	var out []*instance
	var best int64
	for _, in := range items {
		k := key(in)
		switch {
		case len(out) == 0 || k < best:
			out, best = []*instance{in}, k
		case k == best:
			out = append(out, in)
		}
	}
	return out
}
