package api

import "fmt"

// EffectiveRollingUpdate returns the rolling-update settings that apply to
// ig in cluster c, every field set: the instance group's, else the
// cluster's, else kOps' defaults on AWS: maxSurge 1 (always 0 for control
// planes, which never surge), maxUnavailable 1 when maxSurge is 0 and 0
// otherwise, drainAndTerminate true.
func EffectiveRollingUpdate(c *Cluster, ig *InstanceGroup) RollingUpdate {
	var out RollingUpdate
	for _, ru := range []*RollingUpdate{ig.Spec.RollingUpdate, c.Spec.RollingUpdate} {
		if ru == nil {
			continue
		}
		if out.MaxSurge == nil {
			out.MaxSurge = ru.MaxSurge
		}
		if out.MaxUnavailable == nil {
			out.MaxUnavailable = ru.MaxUnavailable
		}
		if out.DrainAndTerminate == nil {
			out.DrainAndTerminate = ru.DrainAndTerminate
		}
	}
	surge := FromInt(1)
	if out.MaxSurge != nil {
		surge = *out.MaxSurge
	}
	if ig.IsControlPlane() {
		surge = FromInt(0)
	}
	out.MaxSurge = &surge
	if out.MaxUnavailable == nil {
		unavailable := FromInt(0)
		if n, err := surge.Scaled(1, true); err == nil && n == 0 {
			unavailable = FromInt(1)
		}
		out.MaxUnavailable = &unavailable
	}
	if out.DrainAndTerminate == nil {
		drain := true
		out.DrainAndTerminate = &drain
	}
	return out
}

// Counts resolves maxSurge (rounded up) and maxUnavailable (rounded down)
// against a group of size instances, as Kubernetes resolves percentages.
// When both come to zero the update could never progress, so
// maxUnavailable becomes 1, as Kubernetes does.
func (ru RollingUpdate) Counts(size int) (surge, unavailable int, err error) {
	if ru.MaxSurge != nil {
		if surge, err = ru.MaxSurge.Scaled(size, true); err != nil {
			return 0, 0, fmt.Errorf("maxSurge: %w", err)
		}
	}
	if ru.MaxUnavailable != nil {
		if unavailable, err = ru.MaxUnavailable.Scaled(size, false); err != nil {
			return 0, 0, fmt.Errorf("maxUnavailable: %w", err)
		}
	}
	if surge == 0 && unavailable == 0 {
		unavailable = 1
	}
	return surge, unavailable, nil
}
