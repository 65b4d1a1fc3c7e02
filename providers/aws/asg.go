package aws

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/autoscaling"
	astypes "github.com/aws/aws-sdk-go-v2/service/autoscaling/types"

	"github.com/drydock-sandbox/drydock/providers"
)

// latestVersion is the template version the groups launch: whatever the
// template's latest version is when an instance launches.
const latestVersion = "$Latest"

func (t *autoscalingGroupTask) kind() string { return "AutoscalingGroup" }
func (t *autoscalingGroupTask) name() string { return t.Name }

func (t *autoscalingGroupTask) deps() []task {
	deps := []task{t.Template}
	for _, s := range t.Subnets {
		deps = append(deps, s)
	}
	for _, tg := range t.TargetGroups {
		deps = append(deps, tg)
	}
	return deps
}

func (t *autoscalingGroupTask) fields() []field {
	version := t.templateVersion
	if version == "" {
		version = latestVersion
	}
	return []field{
		fieldOf("LaunchTemplate", t.Template),
		fieldOf("LaunchTemplateVersion", version),
		fieldOf("MaxSize", t.MaxSize),
		fieldOf("MinSize", t.MinSize),
		fieldOf("Subnets", sortedNames(t.Subnets)),
		fieldOf("Tags", t.Tags),
		fieldOf("TargetGroups", sortedNames(t.TargetGroups)),
	}
}

// find reads the group by name. Its subnets and target groups are shown
// by the names of t's whose IDs match, other subnets by their IDs and
// other target groups by their AWS names; a template of the expected name
// but another ID (the template was re-created) shows as "NAME (ID)".
func (t *autoscalingGroupTask) find(ctx context.Context, c *Clients) (task, error) {
	out, err := c.AutoScaling.DescribeAutoScalingGroups(ctx, &autoscaling.DescribeAutoScalingGroupsInput{
		AutoScalingGroupNames: []string{t.Name},
	})
	if err != nil {
		return nil, err
	}
	g, err := one(out.AutoScalingGroups, "autoscaling group", t.Name)
	if g == nil || err != nil {
		return nil, err
	}
	if aws.ToString(g.Status) != "" {
		return nil, fmt.Errorf("the group is being deleted (%s); apply again once it is gone", aws.ToString(g.Status))
	}
	a := &autoscalingGroupTask{
		Name: t.Name, Cluster: t.Cluster, MinSize: aws.ToInt32(g.MinSize), MaxSize: aws.ToInt32(g.MaxSize),
		desired: aws.ToInt32(g.DesiredCapacity), templateVersion: "(none)",
		Template: &launchTemplateTask{Name: "(none)"},
	}
	if lt := g.LaunchTemplate; lt != nil {
		id, name := aws.ToString(lt.LaunchTemplateId), aws.ToString(lt.LaunchTemplateName)
		if name == t.Template.Name && t.Template.id != "" && id != t.Template.id {
			name += " (" + id + ")"
		}
		a.Template = &launchTemplateTask{Name: name, id: id}
		a.templateVersion = aws.ToString(lt.Version)
	}
	subnets := map[string]string{}
	for _, s := range t.Subnets {
		subnets[s.id] = s.Name
	}
	for _, id := range strings.Split(aws.ToString(g.VPCZoneIdentifier), ",") {
		if id = strings.TrimSpace(id); id != "" {
			a.Subnets = append(a.Subnets, &subnetTask{Name: orElse(subnets[id], id), id: id})
		}
	}
	tgs := map[string]string{}
	for _, tg := range t.TargetGroups {
		tgs[tg.arn] = tg.Name
	}
	for _, arn := range g.TargetGroupARNs {
		a.TargetGroups = append(a.TargetGroups, &targetGroupTask{Name: orElse(tgs[arn], targetGroupARNName(arn)), arn: arn})
	}
	a.Tags = only(tagsOf(g.Tags, asgTag), t.Tags)
	return a, nil
}

// targetGroupARNName is the AWS name of a target group in its ARN
// (arn:aws:elasticloadbalancing:REGION:ACCOUNT:targetgroup/NAME/ID), or
// the ARN.
func targetGroupARNName(arn string) string {
	_, rest, ok := strings.Cut(arn, ":targetgroup/")
	if name, _, ok2 := strings.Cut(rest, "/"); ok && ok2 && name != "" {
		return name
	}
	return arn
}

// orElse is the first of a and b that is not empty.
func orElse(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

func (t *autoscalingGroupTask) create(ctx context.Context, c *Clients) error {
	in := &autoscaling.CreateAutoScalingGroupInput{
		AutoScalingGroupName: aws.String(t.Name),
		MinSize:              aws.Int32(t.MinSize),
		MaxSize:              aws.Int32(t.MaxSize),
		DesiredCapacity:      aws.Int32(t.MinSize),
		LaunchTemplate:       t.templateSpec(),
		VPCZoneIdentifier:    aws.String(t.zoneIdentifier()),
		TargetGroupARNs:      t.targetGroupARNs(),
		Tags:                 t.asTags(),
	}
	return t.retry.do(ctx, func() error {
		_, err := c.AutoScaling.CreateAutoScalingGroup(ctx, in)
		return err
	}, "ValidationError")
}

// update resizes the group (keeping its desired capacity within the new
// bounds), moves it to its subnets and template, tags it, and attaches and
// detaches target groups to match.
func (t *autoscalingGroupTask) update(ctx context.Context, c *Clients, actual task, changes []providers.Field) error {
	a := actual.(*autoscalingGroupTask)
	in := &autoscaling.UpdateAutoScalingGroupInput{AutoScalingGroupName: aws.String(t.Name)}
	resize := false
	for _, ch := range changes {
		switch ch.Name {
		case "MinSize", "MaxSize":
			in.MinSize, in.MaxSize, resize = aws.Int32(t.MinSize), aws.Int32(t.MaxSize), true
			if d := min(max(a.desired, t.MinSize), t.MaxSize); d != a.desired {
				in.DesiredCapacity = aws.Int32(d)
			}
		case "Subnets":
			in.VPCZoneIdentifier, resize = aws.String(t.zoneIdentifier()), true
		case "LaunchTemplate", "LaunchTemplateVersion":
			in.LaunchTemplate, resize = t.templateSpec(), true
		case "Tags":
			if _, err := c.AutoScaling.CreateOrUpdateTags(ctx, &autoscaling.CreateOrUpdateTagsInput{Tags: t.asTags()}); err != nil {
				return err
			}
		case "TargetGroups":
			if err := t.updateTargetGroups(ctx, c, a); err != nil {
				return err
			}
		}
	}
	if !resize {
		return nil
	}
	return t.retry.do(ctx, func() error {
		_, err := c.AutoScaling.UpdateAutoScalingGroup(ctx, in)
		return err
	}, "ValidationError")
}

func (t *autoscalingGroupTask) updateTargetGroups(ctx context.Context, c *Clients, a *autoscalingGroupTask) error {
	want, have := t.targetGroupARNs(), a.targetGroupARNs()
	var attach, detach []string
	for _, arn := range want {
		if !slices.Contains(have, arn) {
			attach = append(attach, arn)
		}
	}
	for _, arn := range have {
		if !slices.Contains(want, arn) {
			detach = append(detach, arn)
		}
	}
	if len(attach) > 0 {
		if _, err := c.AutoScaling.AttachLoadBalancerTargetGroups(ctx, &autoscaling.AttachLoadBalancerTargetGroupsInput{
			AutoScalingGroupName: aws.String(t.Name), TargetGroupARNs: attach,
		}); err != nil {
			return err
		}
	}
	if len(detach) > 0 {
		if _, err := c.AutoScaling.DetachLoadBalancerTargetGroups(ctx, &autoscaling.DetachLoadBalancerTargetGroupsInput{
			AutoScalingGroupName: aws.String(t.Name), TargetGroupARNs: detach,
		}); err != nil {
			return err
		}
	}
	return nil
}

func (t *autoscalingGroupTask) templateSpec() *astypes.LaunchTemplateSpecification {
	return &astypes.LaunchTemplateSpecification{LaunchTemplateId: aws.String(t.Template.id), Version: aws.String(latestVersion)}
}

func (t *autoscalingGroupTask) zoneIdentifier() string {
	ids := make([]string, len(t.Subnets))
	for i, s := range t.Subnets {
		ids[i] = s.id
	}
	return strings.Join(ids, ",")
}

func (t *autoscalingGroupTask) targetGroupARNs() []string {
	arns := make([]string, len(t.TargetGroups))
	for i, tg := range t.TargetGroups {
		arns[i] = tg.arn
	}
	return arns
}

// asTags are the group's tags, propagated to its instances at launch.
func (t *autoscalingGroupTask) asTags() []astypes.Tag {
	out := make([]astypes.Tag, 0, len(t.Tags))
	for _, k := range slices.Sorted(maps.Keys(t.Tags)) {
		out = append(out, astypes.Tag{
			Key: aws.String(k), Value: aws.String(t.Tags[k]), PropagateAtLaunch: aws.Bool(true),
			ResourceId: aws.String(t.Name), ResourceType: aws.String("auto-scaling-group"),
		})
	}
	return out
}
