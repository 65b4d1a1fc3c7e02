package autoscaling

import (
	"github.com/drydock-sandbox/drydock/fakeaws/internal/awsapi"
	"github.com/drydock-sandbox/drydock/fakeaws/internal/store"
)

// The reconciler registers and deregisters instances: attaching a target
// group registers every InService instance with it in the next round,
// detaching deregisters them.

func (s *Service) attachLoadBalancerTargetGroups(r *awsapi.Request, p awsapi.Params) (any, error) {
	sc := scopeOf(r)
	gname, err := name(p, "AutoScalingGroupName")
	if err != nil {
		return nil, err
	}
	arns := members(p, "TargetGroupARNs")
	if len(arns) == 0 && !p.Has("TargetGroupARNs") {
		return nil, awsapi.MissingParameter("TargetGroupARNs")
	}
	if err := s.view(func(tx *store.Tx) error { _, err := mustGroup(tx, sc, gname); return err }); err != nil {
		return nil, err
	}
	if err := s.checkTargetGroups(r.HTTP.Context(), sc, arns); err != nil {
		return nil, err
	}
	err = s.update(func(tx *store.Tx) error {
		g, err := mustGroup(tx, sc, gname)
		if err != nil {
			return err
		}
		g.TargetGroupARNs = addUnique(g.TargetGroupARNs, arns...)
		if len(g.TargetGroupARNs) > maxTargetGroups {
			return fail(codeLimitExceeded, "The number of target groups exceeds the limit of %d.", maxTargetGroups)
		}
		return saveGroup(tx, sc, g)
	})
	if err != nil {
		return nil, err
	}
	s.wake()
	return struct{}{}, nil
}

func (s *Service) detachLoadBalancerTargetGroups(r *awsapi.Request, p awsapi.Params) (any, error) {
	sc := scopeOf(r)
	gname, err := name(p, "AutoScalingGroupName")
	if err != nil {
		return nil, err
	}
	arns := members(p, "TargetGroupARNs")
	if len(arns) == 0 && !p.Has("TargetGroupARNs") {
		return nil, awsapi.MissingParameter("TargetGroupARNs")
	}
	err = s.update(func(tx *store.Tx) error {
		g, err := mustGroup(tx, sc, gname)
		if err != nil {
			return err
		}
		g.TargetGroupARNs = without(g.TargetGroupARNs, arns...)
		return saveGroup(tx, sc, g)
	})
	if err != nil {
		return nil, err
	}
	s.wake()
	return struct{}{}, nil
}
