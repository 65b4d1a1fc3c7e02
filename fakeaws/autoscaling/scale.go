package autoscaling

import (
	"fmt"
)

// maxLaunchBatch bounds the launches a group decides in one pass; a
// larger difference takes several.
const maxLaunchBatch = 100

// scale launches or terminates instances so that the group's capacity
// meets target: the desired capacity, plus the instances an instance
// refresh launches ahead of the ones they replace.
func (st *step) scale(target int) error {
	g, t := st.g, st.now
	have := g.capacity()
	switch {
	case have < target:
		if g.suspended("Launch") || st.noLaunch || t.Before(g.RetryAt) {
			return nil
		}
		cause := fmt.Sprintf("At %s an instance was started in response to a difference between desired and actual capacity, increasing the capacity from %d to %d.", causeTime(t), have, target)
		cause = joinCause(g.DesiredCause, cause)
		tmpl := g.template()
		if st.refresh != nil && st.refresh.Status == refInProgress {
			tmpl = st.refresh.Target
		}
		for range min(target-have, maxLaunchBatch) {
			sn, az := placement(g)
			g.Launches = append(g.Launches, &launchIntent{
				Token:        st.s.env.IDs.UUID(),
				SubnetID:     sn,
				AZ:           az,
				Template:     tmpl,
				InstanceType: g.instanceType(),
				Cause:        cause,
				At:           t,
			})
		}
		g.DesiredCause = ""
	case have > target:
		if g.suspended("Terminate") {
			return nil
		}
		from := have
		for range have - target {
			victim := pickVictim(g, scaleInCandidates(g), t)
			if victim == nil {
				break
			}
			cause := fmt.Sprintf("At %s an instance was taken out of service in response to a difference between desired and actual capacity, shrinking the capacity from %d to %d.  At %s instance %s was selected for termination.",
				causeTime(t), from, target, causeTime(t), victim.ID)
			if err := st.s.startTermination(st.tx, st.sc, g, victim, joinCause(g.DesiredCause, cause), "", t); err != nil {
				return err
			}
		}
		g.DesiredCause = ""
	}
	return nil
}

// joinCause appends a cause to an earlier one, as AWS does: two spaces
// between sentences.
func joinCause(first, then string) string {
	if first == "" {
		return then
	}
	return first + "  " + then
}

// scaleInCandidates are the instances scale-in may terminate: those that
// count toward capacity and are not protected from scale in.
func scaleInCandidates(g *group) []*instance {
	var out []*instance
	for _, in := range g.Instances {
		if counts(in.State) && !in.Protected {
			out = append(out, in)
		}
	}
	return out
}

// placement picks the subnet and zone of the next launch: the zone with
// the fewest instances (ties to the first by name), then its subnet with
// the fewest (ties to the first listed).
func placement(g *group) (subnetID, az string) {
	byZone, bySubnet := map[string]int{}, map[string]int{}
	for _, in := range g.Instances {
		if counts(in.State) {
			byZone[in.AZ]++
			bySubnet[in.SubnetID]++
		}
	}
	for _, l := range g.Launches {
		byZone[l.AZ]++
		bySubnet[l.SubnetID]++
	}
	zones := g.zones()
	if len(zones) == 0 {
		return "", ""
	}
	az = zones[0]
	for _, z := range zones[1:] {
		if byZone[z] < byZone[az] {
			az = z
		}
	}
	best := -1
	for _, sn := range g.Subnets {
		if sn.AZ == az && (best < 0 || bySubnet[sn.ID] < best) {
			subnetID, best = sn.ID, bySubnet[sn.ID]
		}
	}
	return subnetID, az
}
