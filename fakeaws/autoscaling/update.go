package autoscaling

import (
	"fmt"
	"time"

	"github.com/drydock-sandbox/drydock/fakeaws/internal/awsapi"
	"github.com/drydock-sandbox/drydock/fakeaws/internal/store"
)

func (s *Service) updateAutoScalingGroup(r *awsapi.Request, p awsapi.Params) (any, error) {
	sc, t := scopeOf(r), now(r)
	in, err := readGroupInput(p)
	if err != nil {
		return nil, err
	}
	if in.launchConfig != "" && in.launchSource() != nil || in.template != nil && in.mixed != nil {
		return nil, invalid("Valid requests must contain either LaunchTemplate, LaunchConfigurationName or MixedInstancesPolicy parameter.")
	}
	if in.launchConfig != "" {
		return nil, invalid("Launch configuration name not found - Launch configuration %s not found", in.launchConfig)
	}
	ctx := r.HTTP.Context()
	if ref := in.launchSource(); ref != nil {
		if err := s.checkTemplate(ctx, sc, ref); err != nil {
			return nil, err
		}
	}
	var net *network
	if in.zoneIdentifier != nil && *in.zoneIdentifier != "" || len(in.zones) > 0 {
		zid := ""
		if in.zoneIdentifier != nil {
			zid = *in.zoneIdentifier
		}
		n, err := s.resolveNetwork(ctx, sc, zid, in.zones)
		if err != nil {
			return nil, err
		}
		net = &n
	}
	err = s.update(func(tx *store.Tx) error {
		g, ok, err := loadGroup(tx, sc, in.name)
		if err != nil {
			return err
		}
		if !ok {
			return errNoGroupNull()
		}
		if g.Status == statusDeleting {
			return fail(codeScalingInProgress, "The AutoScalingGroup %s is being deleted.", g.Name)
		}
		if err := g.resize(in, t); err != nil {
			return err
		}
		if net != nil {
			if in.zoneIdentifier == nil && len(g.Subnets) > 0 {
				// Zones alone on a group in a VPC must match its subnets.
				if !sameSet(net.zones, g.zones()) {
					return invalid("The availability zones of the specified subnets and the Auto Scaling group do not match")
				}
			} else {
				g.setNetwork(*net)
			}
		}
		in.apply(g)
		return saveGroup(tx, sc, g)
	})
	if err != nil {
		return nil, err
	}
	s.wake()
	return nil, nil
}

// resize applies the min, max and desired capacity of an update, with
// AWS's rules: a desired capacity outside new bounds follows them.
func (g *group) resize(in groupInput, t time.Time) error {
	min, max := g.Min, g.Max
	if in.min != nil {
		min = *in.min
	}
	if in.max != nil {
		max = *in.max
	}
	if min > max {
		return errBounds(min, max)
	}
	desired := g.Desired
	if in.desired != nil {
		desired = *in.desired
		if desired < min || desired > max {
			return errDesired(desired, min, max)
		}
	} else {
		desired = clamp(desired, min, max)
	}
	if desired != g.Desired {
		g.DesiredCause = fmt.Sprintf("At %s a user request update of AutoScalingGroup constraints to min: %d, max: %d, desired: %d changing the desired capacity from %d to %d.",
			causeTime(t), min, max, desired, g.Desired, desired)
	}
	g.Min, g.Max, g.Desired = min, max, desired
	return nil
}

func clamp(v, lo, hi int) int {
	return max(lo, min(v, hi))
}
