package autoscaling

import (
	"fmt"
	"time"

	"github.com/drydock-sandbox/drydock/fakeaws/internal/awsapi"
	"github.com/drydock-sandbox/drydock/fakeaws/internal/store"
)

// Defaults of a new group.
const (
	defaultCooldown = 300
	maxHooks        = 50
	maxTags         = 50
	maxTargetGroups = 100
)

func (s *Service) groupARN(sc scope, name string) string {
	return fmt.Sprintf("arn:%s:autoscaling:%s:%s:autoScalingGroup:%s:autoScalingGroupName/%s", s.partition(), sc.region, sc.account, s.env.IDs.UUID(), name)
}

func (s *Service) serviceLinkedRole(account string) string {
	return "arn:" + s.partition() + ":iam::" + account + ":role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling"
}

func (s *Service) createAutoScalingGroup(r *awsapi.Request, p awsapi.Params) (any, error) {
	sc, t := scopeOf(r), now(r)
	in, err := readGroupInput(p)
	if err != nil {
		return nil, err
	}
	if in.min == nil {
		return nil, awsapi.MissingParameter("MinSize")
	}
	if in.max == nil {
		return nil, awsapi.MissingParameter("MaxSize")
	}
	min, max, desired := *in.min, *in.max, *in.min
	if in.desired != nil {
		desired = *in.desired
	}
	if min > max {
		return nil, errBounds(min, max)
	}
	if desired < min || desired > max {
		return nil, errDesired(desired, min, max)
	}
	if in.sources() != 1 {
		return nil, invalid("Valid requests must contain either LaunchTemplate, LaunchConfigurationName, InstanceId or MixedInstancesPolicy parameter.")
	}
	if in.launchConfig != "" {
		return nil, invalid("Launch configuration name not found - Launch configuration %s not found", in.launchConfig)
	}
	if in.instanceID != "" {
		return nil, invalid("Creating an Auto Scaling group from instance %s is not supported here; use a launch template.", in.instanceID)
	}
	hooks, err := readHookSpecs(p)
	if err != nil {
		return nil, err
	}
	tags, err := readTags(p, in.name)
	if err != nil {
		return nil, err
	}
	tgs := members(p, "TargetGroupARNs")
	if len(tgs) > maxTargetGroups {
		return nil, fail(codeLimitExceeded, "The number of target groups exceeds the limit of %d.", maxTargetGroups)
	}
	ctx := r.HTTP.Context()
	zid := ""
	if in.zoneIdentifier != nil {
		zid = *in.zoneIdentifier
	}
	net, err := s.resolveNetwork(ctx, sc, zid, in.zones)
	if err != nil {
		return nil, err
	}
	if err := s.checkTemplate(ctx, sc, in.launchSource()); err != nil {
		return nil, err
	}
	if err := s.checkTargetGroups(ctx, sc, tgs); err != nil {
		return nil, err
	}
	g := &group{
		Name: in.name, Created: t, Min: min, Max: max, Desired: desired,
		DefaultCooldown: defaultCooldown, HealthCheckType: "EC2",
		TerminationPolicies: []string{"Default"},
		ServiceLinkedRole:   s.serviceLinkedRole(sc.account),
		TargetGroupARNs:     dedupe(tgs),
		Tags:                tags,
		Hooks:               hooks,
	}
	g.setNetwork(net)
	in.apply(g)
	if in.serviceLinkedRole != "" {
		g.ServiceLinkedRole = in.serviceLinkedRole
	}
	if desired > 0 {
		g.DesiredCause = fmt.Sprintf("At %s a user request created an AutoScalingGroup changing the desired capacity from 0 to %d.", causeTime(t), desired)
	}
	err = s.update(func(tx *store.Tx) error {
		b := sc.bucket(tx, kindGroups)
		if b.Has(in.name) {
			return errGroupExists(in.name)
		}
		n, err := b.Count("")
		if err != nil {
			return err
		}
		if n >= s.cfg.MaxGroups {
			return fail(codeLimitExceeded, "You have reached your quota of %d Auto Scaling groups in this Region.", s.cfg.MaxGroups)
		}
		g.ARN = s.groupARN(sc, in.name)
		if err := scopes(tx).Put(sc.key(), true); err != nil {
			return err
		}
		return saveGroup(tx, sc, g)
	})
	if err != nil {
		return nil, err
	}
	s.wake()
	return nil, nil
}

func (g *group) setNetwork(n network) {
	g.VPCZoneIdentifier, g.Subnets, g.VpcID = n.zoneIdentifier, n.subnets, n.vpcID
	g.AvailabilityZones = n.zones
	if len(n.subnets) > 0 {
		g.AvailabilityZones = nil
	}
}

func (s *Service) deleteAutoScalingGroup(r *awsapi.Request, p awsapi.Params) (any, error) {
	sc := scopeOf(r)
	nm, err := name(p, "AutoScalingGroupName")
	if err != nil {
		return nil, err
	}
	force, err := boolParam(p, "ForceDelete", false)
	if err != nil {
		return nil, err
	}
	err = s.update(func(tx *store.Tx) error {
		g, err := mustGroup(tx, sc, nm)
		if err != nil {
			return err
		}
		if force {
			return s.forceDelete(tx, sc, g, now(r))
		}
		if g.Status == statusDeleting || len(g.Launches) > 0 {
			return fail(codeScalingInProgress, "You cannot delete an AutoScalingGroup while there are scaling activities in progress for that group.")
		}
		for _, in := range g.Instances {
			if in.State != stInService {
				return fail(codeScalingInProgress, "You cannot delete an AutoScalingGroup while there are scaling activities in progress for that group.")
			}
		}
		if len(g.Instances) > 0 {
			return fail(codeResourceInUse, "You cannot delete an AutoScalingGroup while there are instances or pending Spot instance request(s) still in the group.")
		}
		return removeGroup(tx, sc, g)
	})
	if err != nil {
		return nil, err
	}
	s.wake()
	return nil, nil
}

// forceDelete starts deleting g with its instances: they terminate
// without lifecycle hooks, and the reconciler removes the group once they
// are gone.
func (s *Service) forceDelete(tx *store.Tx, sc scope, g *group, t time.Time) error {
	if len(g.Instances) == 0 && len(g.Launches) == 0 {
		if err := s.endRefresh(tx, sc, g, refCancelled, "The Auto Scaling group was deleted.", t); err != nil {
			return err
		}
		return removeGroup(tx, sc, g)
	}
	g.Status = statusDeleting
	g.Min, g.Max, g.Desired = 0, 0, 0
	g.DesiredCause = ""
	if err := s.endRefresh(tx, sc, g, refCancelled, "The Auto Scaling group is being deleted.", t); err != nil {
		return err
	}
	for _, in := range g.Instances {
		if err := s.forceTerminate(tx, sc, g, in, t); err != nil {
			return err
		}
	}
	return saveGroup(tx, sc, g)
}
