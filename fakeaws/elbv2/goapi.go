package elbv2

import (
	"context"
	"errors"
	"net/url"
	"strconv"

	"github.com/drydock-sandbox/drydock/fakeaws/internal/awsapi"
)

// The Go API sibling services (AutoScaling) use. Each call goes through the
// same action handler as the wire API, so it validates and stores exactly
// as RegisterTargets, DeregisterTargets and DescribeTargetHealth do.

// internal is a request on behalf of account in region, made by fakeaws
// itself.
func (s *Service) internal(account, region string) *awsapi.Request {
	return &awsapi.Request{
		Service:   "elasticloadbalancing",
		Region:    region,
		Caller:    awsapi.Caller{Account: account, ARN: "arn:aws:iam::" + account + ":root", UserID: account},
		RequestID: "internal",
		Now:       s.env.Clock.Now(),
	}
}

func targetParams(arn string, ids []string) awsapi.Params {
	v := url.Values{"TargetGroupArn": {arn}}
	for i, id := range ids {
		v.Set("Targets.member."+strconv.Itoa(i+1)+".Id", id)
	}
	return awsapi.NewParams(v)
}

// RegisterInstances registers instances with a target group on its port.
// Registering a registered instance is not an error.
func (s *Service) RegisterInstances(_ context.Context, account, region, targetGroupARN string, ids []string) error {
	if len(ids) == 0 {
		return nil
	}
	_, err := s.registerTargets(s.internal(account, region), targetParams(targetGroupARN, ids))
	return err
}

// DeregisterInstances deregisters instances from a target group; they
// drain for the group's deregistration delay. Unknown instances are not an
// error.
func (s *Service) DeregisterInstances(_ context.Context, account, region, targetGroupARN string, ids []string) error {
	if len(ids) == 0 {
		return nil
	}
	registered, err := s.registeredIDs(account, region, targetGroupARN)
	if err != nil {
		return err
	}
	var known []string
	for _, id := range ids {
		if registered[id] {
			known = append(known, id)
		}
	}
	if len(known) == 0 {
		return nil
	}
	_, err = s.deregisterTargets(s.internal(account, region), targetParams(targetGroupARN, known))
	return err
}

// TargetGroupExists reports whether the target group exists.
func (s *Service) TargetGroupExists(_ context.Context, account, region, targetGroupARN string) (bool, error) {
	_, err := s.describeTargetHealth(s.internal(account, region), targetParams(targetGroupARN, nil))
	var ae *awsapi.Error
	if errors.As(err, &ae) && ae.Code == codeTGNotFound {
		return false, nil
	}
	return err == nil, err
}

// UnhealthyInstances returns those of ids that the target group finds
// unhealthy.
func (s *Service) UnhealthyInstances(_ context.Context, account, region, targetGroupARN string, ids []string) ([]string, error) {
	out, err := s.describeTargetHealth(s.internal(account, region), targetParams(targetGroupARN, nil))
	if err != nil {
		return nil, err
	}
	want := map[string]bool{}
	for _, id := range ids {
		want[id] = true
	}
	var bad []string
	for _, d := range out.(targetHealthResult).TargetHealthDescriptions {
		if want[d.Target.ID] && d.TargetHealth.State == "unhealthy" {
			bad = append(bad, d.Target.ID)
		}
	}
	return bad, nil
}

// registeredIDs are the instances registered (and not draining away) in
// a target group.
func (s *Service) registeredIDs(account, region, arn string) (map[string]bool, error) {
	out, err := s.describeTargetHealth(s.internal(account, region), targetParams(arn, nil))
	if err != nil {
		return nil, err
	}
	ids := map[string]bool{}
	for _, d := range out.(targetHealthResult).TargetHealthDescriptions {
		if d.TargetHealth.State != "draining" {
			ids[d.Target.ID] = true
		}
	}
	return ids, nil
}
