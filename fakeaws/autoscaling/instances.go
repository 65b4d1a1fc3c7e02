package autoscaling

import (
	"fmt"
	"math"

	"github.com/drydock-sandbox/drydock/fakeaws/internal/awsapi"
	"github.com/drydock-sandbox/drydock/fakeaws/internal/store"
)

func (s *Service) setDesiredCapacity(r *awsapi.Request, p awsapi.Params) (any, error) {
	sc, t := scopeOf(r), now(r)
	gname, err := name(p, "AutoScalingGroupName")
	if err != nil {
		return nil, err
	}
	desired, err := requiredInt(p, "DesiredCapacity", 0, math.MaxInt32)
	if err != nil {
		return nil, err
	}
	if _, err := boolParam(p, "HonorCooldown", false); err != nil {
		return nil, err
	}
	err = s.update(func(tx *store.Tx) error {
		g, err := mustGroup(tx, sc, gname)
		if err != nil {
			return err
		}
		if g.Status == statusDeleting {
			return fail(codeScalingInProgress, "The AutoScalingGroup %s is being deleted.", gname)
		}
		if desired > g.Max {
			return errAboveMax(desired, g.Max)
		}
		if desired < g.Min {
			return errBelowMin(desired, g.Min)
		}
		if desired != g.Desired {
			g.DesiredCause = fmt.Sprintf("At %s a user request explicitly set group desired capacity changing the desired capacity from %d to %d.", causeTime(t), g.Desired, desired)
			g.Desired = desired
		}
		return saveGroup(tx, sc, g)
	})
	if err != nil {
		return nil, err
	}
	s.wake()
	return nil, nil
}

type terminateResult struct {
	Activity xActivity `xml:"Activity"`
}

func (s *Service) terminateInstanceInAutoScalingGroup(r *awsapi.Request, p awsapi.Params) (any, error) {
	sc, t := scopeOf(r), now(r)
	id, err := p.Required("InstanceId")
	if err != nil {
		return nil, err
	}
	if err := checkText("InstanceId", id, 19); err != nil {
		return nil, err
	}
	decrement, err := requiredBool(p, "ShouldDecrementDesiredCapacity")
	if err != nil {
		return nil, err
	}
	var res terminateResult
	err = s.update(func(tx *store.Tx) error {
		g, in, err := groupOfInstance(tx, sc, id)
		if err != nil {
			return err
		}
		if in == nil || in.State == stDetaching {
			return errNoInstance(id)
		}
		if terminating(in.State) {
			a, err := getActivity(tx, sc, in.Activity)
			res.Activity = a.view()
			return err
		}
		from := g.Desired
		if decrement {
			if g.Desired <= g.Min {
				return errDecrementBelowMin(g.Desired, g.Min)
			}
			g.Desired--
		}
		if err := s.startTermination(tx, sc, g, in, userTerminateCause(t, id, decrement, from), "", t); err != nil {
			return err
		}
		a, err := getActivity(tx, sc, in.Activity)
		if err != nil {
			return err
		}
		res.Activity = a.view()
		return saveGroup(tx, sc, g)
	})
	if err != nil {
		return nil, err
	}
	s.wake()
	return res, nil
}

type detachResult struct {
	Activities []xActivity `xml:"Activities>member"`
}

func (s *Service) detachInstances(r *awsapi.Request, p awsapi.Params) (any, error) {
	sc, t := scopeOf(r), now(r)
	gname, err := name(p, "AutoScalingGroupName")
	if err != nil {
		return nil, err
	}
	decrement, err := requiredBool(p, "ShouldDecrementDesiredCapacity")
	if err != nil {
		return nil, err
	}
	ids := dedupe(members(p, "InstanceIds"))
	if len(ids) > 20 {
		return nil, invalid("1 validation error detected: Value at 'instanceIds' failed to satisfy constraint: Member must have length less than or equal to 20")
	}
	var res detachResult
	err = s.update(func(tx *store.Tx) error {
		g, err := mustGroup(tx, sc, gname)
		if err != nil {
			return err
		}
		for _, id := range ids {
			in := g.instance(id)
			if in == nil || !counts(in.State) {
				return invalid("The instance %s is not part of Auto Scaling group %s.", id, gname)
			}
			if in.State != stInService {
				return invalid("The instance %s is not in InService.", id)
			}
		}
		if decrement && g.Desired-len(ids) < g.Min {
			return invalid("The number of instances to detach (%d) would take the desired capacity (%d) below the minimum size (%d) of Auto Scaling group %s.", len(ids), g.Desired, g.Min, gname)
		}
		for _, id := range ids {
			from := g.Desired
			if decrement {
				g.Desired--
			}
			a, err := s.startDetach(tx, sc, g, g.instance(id), decrement, from, t)
			if err != nil {
				return err
			}
			res.Activities = append(res.Activities, a.view())
		}
		return saveGroup(tx, sc, g)
	})
	if err != nil {
		return nil, err
	}
	s.wake()
	return res, nil
}

func (s *Service) setInstanceHealth(r *awsapi.Request, p awsapi.Params) (any, error) {
	sc, t := scopeOf(r), now(r)
	id, err := p.Required("InstanceId")
	if err != nil {
		return nil, err
	}
	status, err := p.Required("HealthStatus")
	if err != nil {
		return nil, err
	}
	if status != healthy && status != unhealthy {
		return nil, invalid("Valid instance health states are: [Healthy, Unhealthy]")
	}
	respect, err := boolParam(p, "ShouldRespectGracePeriod", true)
	if err != nil {
		return nil, err
	}
	err = s.update(func(tx *store.Tx) error {
		g, in, err := groupOfInstance(tx, sc, id)
		if err != nil {
			return err
		}
		if in == nil {
			return errNoInstance(id)
		}
		if respect && status == unhealthy && !pastGrace(s, g, in, t) {
			return nil // ignored during the grace period
		}
		if in.Health == status {
			return nil
		}
		in.Health, in.HealthCause = status, ""
		if status == unhealthy {
			in.HealthCause = "a user health-check"
		}
		return saveGroup(tx, sc, g)
	})
	if err != nil {
		return nil, err
	}
	s.wake()
	return nil, nil
}

func (s *Service) setInstanceProtection(r *awsapi.Request, p awsapi.Params) (any, error) {
	sc := scopeOf(r)
	gname, err := name(p, "AutoScalingGroupName")
	if err != nil {
		return nil, err
	}
	ids := members(p, "InstanceIds")
	if len(ids) == 0 && !p.Has("InstanceIds") {
		return nil, awsapi.MissingParameter("InstanceIds")
	}
	protect, err := requiredBool(p, "ProtectedFromScaleIn")
	if err != nil {
		return nil, err
	}
	err = s.update(func(tx *store.Tx) error {
		g, err := mustGroup(tx, sc, gname)
		if err != nil {
			return err
		}
		for _, id := range ids {
			in := g.instance(id)
			if in == nil {
				return invalid("The instance %s is not part of Auto Scaling group %s.", id, gname)
			}
			in.Protected = protect
		}
		return saveGroup(tx, sc, g)
	})
	return struct{}{}, err
}
