package autoscaling_test

import (
	"reflect"
	"regexp"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	asg "github.com/aws/aws-sdk-go-v2/service/autoscaling"
	"github.com/aws/aws-sdk-go-v2/service/autoscaling/types"
)

var reGroupARN = regexp.MustCompile(`^arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}:autoScalingGroupName/web$`)

func TestCreateAndDescribe(t *testing.T) {
	h := newHarness(t)
	h.create("web", 1, 5, 2, func(in *asg.CreateAutoScalingGroupInput) {
		in.TargetGroupARNs = []string{tgA}
		in.HealthCheckType = aws.String("ELB")
		in.HealthCheckGracePeriod = aws.Int32(120)
		in.TerminationPolicies = []string{"OldestInstance"}
		in.NewInstancesProtectedFromScaleIn = aws.Bool(true)
		in.DefaultInstanceWarmup = aws.Int32(30)
		in.Tags = []types.Tag{{Key: aws.String("b"), Value: aws.String("2")}, {Key: aws.String("a"), Value: aws.String("1"), PropagateAtLaunch: aws.Bool(true)}}
	})
	g := h.group("web")
	if !reGroupARN.MatchString(aws.ToString(g.AutoScalingGroupARN)) {
		t.Errorf("ARN = %s", aws.ToString(g.AutoScalingGroupARN))
	}
	checks := []struct {
		name      string
		got, want any
	}{
		{"min/max/desired", []int32{aws.ToInt32(g.MinSize), aws.ToInt32(g.MaxSize), aws.ToInt32(g.DesiredCapacity)}, []int32{1, 5, 2}},
		// Created by the template's name, described by its ID and name too.
		{"LaunchTemplate", *g.LaunchTemplate, types.LaunchTemplateSpecification{LaunchTemplateId: aws.String(templateID), LaunchTemplateName: aws.String("web"), Version: aws.String("$Latest")}},
		{"VPCZoneIdentifier", aws.ToString(g.VPCZoneIdentifier), "subnet-a,subnet-b,subnet-c"},
		{"AvailabilityZones", g.AvailabilityZones, []string{"us-east-1a", "us-east-1b", "us-east-1c"}},
		{"TargetGroupARNs", g.TargetGroupARNs, []string{tgA}},
		{"HealthCheckType", aws.ToString(g.HealthCheckType), "ELB"},
		{"HealthCheckGracePeriod", aws.ToInt32(g.HealthCheckGracePeriod), int32(120)},
		{"DefaultCooldown", aws.ToInt32(g.DefaultCooldown), int32(300)},
		{"TerminationPolicies", g.TerminationPolicies, []string{"OldestInstance"}},
		{"NewInstancesProtectedFromScaleIn", aws.ToBool(g.NewInstancesProtectedFromScaleIn), true},
		{"DefaultInstanceWarmup", aws.ToInt32(g.DefaultInstanceWarmup), int32(30)},
		{"CreatedTime", g.CreatedTime.Equal(epoch), true},
		{"ServiceLinkedRoleARN", aws.ToString(g.ServiceLinkedRoleARN), "arn:aws:iam::123456789012:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling"},
		{"Status", g.Status, (*string)(nil)},
		{"Tags", tagStrings(g.Tags), []string{"web auto-scaling-group a=1 true", "web auto-scaling-group b=2 false"}},
	}
	for _, c := range checks {
		if !reflect.DeepEqual(c.got, c.want) {
			t.Errorf("%s = %v, want %v", c.name, c.got, c.want)
		}
	}
	g = h.settle("web")
	for _, in := range g.Instances {
		if !aws.ToBool(in.ProtectedFromScaleIn) {
			t.Errorf("instance %s not protected", aws.ToString(in.InstanceId))
		}
	}
	out, err := h.client.DescribeAutoScalingGroups(h.ctx, &asg.DescribeAutoScalingGroupsInput{IncludeInstances: aws.Bool(false)})
	if err != nil || len(out.AutoScalingGroups) != 1 || len(out.AutoScalingGroups[0].Instances) != 0 {
		t.Errorf("IncludeInstances false: %+v, %v", out, err)
	}
}

func tagStrings(tags []types.TagDescription) []string {
	var out []string
	for _, t := range tags {
		out = append(out, sprintf("%s %s %s=%s %v", aws.ToString(t.ResourceId), aws.ToString(t.ResourceType), aws.ToString(t.Key), aws.ToString(t.Value), aws.ToBool(t.PropagateAtLaunch)))
	}
	return out
}

func TestCreateValidation(t *testing.T) {
	h := newHarness(t)
	h.create("taken", 0, 1, 0)
	lt := &types.LaunchTemplateSpecification{LaunchTemplateName: aws.String("web")}
	tests := []struct {
		name string
		edit func(*asg.CreateAutoScalingGroupInput)
		code string
		msg  string
	}{
		{"min above max", func(in *asg.CreateAutoScalingGroupInput) {
			in.MinSize, in.MaxSize, in.DesiredCapacity = aws.Int32(3), aws.Int32(2), nil
		},
			"ValidationError", "Max bound, 2, must be greater than or equal to min bound, 3"},
		{"desired above max", func(in *asg.CreateAutoScalingGroupInput) { in.DesiredCapacity = aws.Int32(5) },
			"ValidationError", "Desired capacity:5 must be between the specified min size:1 and max size:3"},
		{"desired below min", func(in *asg.CreateAutoScalingGroupInput) { in.DesiredCapacity = aws.Int32(0) },
			"ValidationError", "Desired capacity:0 must be between the specified min size:1 and max size:3"},
		{"no launch source", func(in *asg.CreateAutoScalingGroupInput) { in.LaunchTemplate = nil },
			"ValidationError", "Valid requests must contain either LaunchTemplate, LaunchConfigurationName, InstanceId or MixedInstancesPolicy parameter."},
		{"two launch sources", func(in *asg.CreateAutoScalingGroupInput) {
			in.MixedInstancesPolicy = &types.MixedInstancesPolicy{LaunchTemplate: &types.LaunchTemplate{LaunchTemplateSpecification: lt}}
		}, "ValidationError", "Valid requests must contain either LaunchTemplate, LaunchConfigurationName, InstanceId or MixedInstancesPolicy parameter."},
		{"template id and name", func(in *asg.CreateAutoScalingGroupInput) { in.LaunchTemplate.LaunchTemplateId = aws.String(templateID) },
			"ValidationError", "Valid requests must contain either launchTemplateId or LaunchTemplateName"},
		{"unknown template", func(in *asg.CreateAutoScalingGroupInput) { in.LaunchTemplate.LaunchTemplateName = aws.String("nope") },
			"ValidationError", "You must use a valid fully-formed launch template. The specified launch template, with template name nope, does not exist."},
		{"unknown version", func(in *asg.CreateAutoScalingGroupInput) { in.LaunchTemplate.Version = aws.String("7") },
			"ValidationError", "You must use a valid fully-formed launch template. The specified launch template version 7 does not exist for launch template web."},
		{"bad version", func(in *asg.CreateAutoScalingGroupInput) { in.LaunchTemplate.Version = aws.String("latest") }, "ValidationError", ""},
		{"launch configuration", func(in *asg.CreateAutoScalingGroupInput) {
			in.LaunchTemplate, in.LaunchConfigurationName = nil, aws.String("lc")
		},
			"ValidationError", "Launch configuration name not found - Launch configuration lc not found"},
		{"unknown subnet", func(in *asg.CreateAutoScalingGroupInput) { in.VPCZoneIdentifier = aws.String("subnet-a,subnet-zz") },
			"ValidationError", "The subnet ID 'subnet-zz' does not exist"},
		{"subnets of two VPCs", func(in *asg.CreateAutoScalingGroupInput) { in.VPCZoneIdentifier = aws.String("subnet-a,subnet-x") }, "ValidationError", ""},
		{"zones not the subnets'", func(in *asg.CreateAutoScalingGroupInput) { in.AvailabilityZones = []string{"us-east-1d"} },
			"ValidationError", "The availability zones of the specified subnets and the Auto Scaling group do not match"},
		{"no network", func(in *asg.CreateAutoScalingGroupInput) { in.VPCZoneIdentifier = nil },
			"ValidationError", "At least one Availability Zone or VPC Subnet is required."},
		{"unknown target group", func(in *asg.CreateAutoScalingGroupInput) { in.TargetGroupARNs = []string{tgA + "x"} },
			"ValidationError", "Provided Target Groups may not be valid. Please ensure they exist and try again."},
		{"bad health check type", func(in *asg.CreateAutoScalingGroupInput) { in.HealthCheckType = aws.String("TCP") }, "ValidationError", ""},
		{"bad termination policy", func(in *asg.CreateAutoScalingGroupInput) { in.TerminationPolicies = []string{"Random"} }, "ValidationError", ""},
		{"empty tag key", func(in *asg.CreateAutoScalingGroupInput) {
			in.Tags = []types.Tag{{Key: aws.String(""), Value: aws.String("v")}}
		}, "ValidationError", ""},
		{"name too long", func(in *asg.CreateAutoScalingGroupInput) {
			in.AutoScalingGroupName = aws.String(string(make([]byte, 256)))
		}, "ValidationError", ""},
		{"exists", func(in *asg.CreateAutoScalingGroupInput) { in.AutoScalingGroupName = aws.String("taken") },
			"AlreadyExists", "AutoScalingGroup by this name already exists - A group with the name taken already exists"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := &asg.CreateAutoScalingGroupInput{
				AutoScalingGroupName: aws.String("new"), MinSize: aws.Int32(1), MaxSize: aws.Int32(3), DesiredCapacity: aws.Int32(2),
				LaunchTemplate:    &types.LaunchTemplateSpecification{LaunchTemplateName: aws.String("web")},
				VPCZoneIdentifier: aws.String("subnet-a,subnet-b"),
			}
			tt.edit(in)
			_, err := h.client.CreateAutoScalingGroup(h.ctx, in)
			wantCode(t, err, tt.code, tt.msg)
		})
	}
	if h.exists("new") {
		t.Error("a refused create made a group")
	}
	// Zones alone (no VPC) are accepted.
	if _, err := h.client.CreateAutoScalingGroup(h.ctx, &asg.CreateAutoScalingGroupInput{
		AutoScalingGroupName: aws.String("classic"), MinSize: aws.Int32(0), MaxSize: aws.Int32(2), DesiredCapacity: aws.Int32(2),
		LaunchTemplate: lt, AvailabilityZones: []string{"us-east-1b", "us-east-1a"},
	}); err != nil {
		t.Fatal(err)
	}
	g := h.settle("classic")
	if got := byZone(g); !reflect.DeepEqual(got, map[string]int{"us-east-1a": 1, "us-east-1b": 1}) {
		t.Errorf("zones = %v", got)
	}
}

func TestUpdateAndSetDesiredCapacity(t *testing.T) {
	h := newHarness(t)
	h.create("web", 1, 3, 2)
	update := func(in *asg.UpdateAutoScalingGroupInput) error {
		in.AutoScalingGroupName = aws.String("web")
		_, err := h.client.UpdateAutoScalingGroup(h.ctx, in)
		return err
	}
	sizes := func() []int32 {
		g := h.group("web")
		return []int32{aws.ToInt32(g.MinSize), aws.ToInt32(g.MaxSize), aws.ToInt32(g.DesiredCapacity)}
	}
	steps := []struct {
		name string
		in   asg.UpdateAutoScalingGroupInput
		want []int32
		code string
		msg  string
	}{
		{"raising min raises desired", asg.UpdateAutoScalingGroupInput{MinSize: aws.Int32(3)}, []int32{3, 3, 3}, "", ""},
		{"lowering max lowers desired", asg.UpdateAutoScalingGroupInput{MinSize: aws.Int32(0), MaxSize: aws.Int32(1)}, []int32{0, 1, 1}, "", ""},
		{"min above max", asg.UpdateAutoScalingGroupInput{MinSize: aws.Int32(2)}, []int32{0, 1, 1}, "ValidationError", "Max bound, 1, must be greater than or equal to min bound, 2"},
		{"desired out of bounds", asg.UpdateAutoScalingGroupInput{DesiredCapacity: aws.Int32(4)}, []int32{0, 1, 1}, "ValidationError", "Desired capacity:4 must be between the specified min size:0 and max size:1"},
		{"all three", asg.UpdateAutoScalingGroupInput{MinSize: aws.Int32(1), MaxSize: aws.Int32(4), DesiredCapacity: aws.Int32(4)}, []int32{1, 4, 4}, "", ""},
		{"unknown template", asg.UpdateAutoScalingGroupInput{LaunchTemplate: &types.LaunchTemplateSpecification{LaunchTemplateId: aws.String("lt-0")}}, []int32{1, 4, 4},
			"ValidationError", "You must use a valid fully-formed launch template. The specified launch template, with template ID lt-0, does not exist."},
	}
	for _, s := range steps {
		in := s.in
		err := update(&in)
		if s.code == "" && err != nil {
			t.Fatalf("%s: %v", s.name, err)
		}
		if s.code != "" {
			wantCode(t, err, s.code, s.msg)
		}
		if got := sizes(); !reflect.DeepEqual(got, s.want) {
			t.Errorf("%s: sizes = %v, want %v", s.name, got, s.want)
		}
	}
	_, err := h.client.UpdateAutoScalingGroup(h.ctx, &asg.UpdateAutoScalingGroupInput{AutoScalingGroupName: aws.String("nope")})
	wantCode(t, err, "ValidationError", "AutoScalingGroup name not found - null")

	set := func(n int32) error {
		_, err := h.client.SetDesiredCapacity(h.ctx, &asg.SetDesiredCapacityInput{AutoScalingGroupName: aws.String("web"), DesiredCapacity: aws.Int32(n)})
		return err
	}
	wantCode(t, set(5), "ValidationError", "New SetDesiredCapacity value 5 is above max value 4 for the AutoScalingGroup.")
	wantCode(t, set(0), "ValidationError", "New SetDesiredCapacity value 0 is below min value 1 for the AutoScalingGroup.")
	if err := set(2); err != nil {
		t.Fatal(err)
	}
	if got := sizes(); !reflect.DeepEqual(got, []int32{1, 4, 2}) {
		t.Errorf("sizes = %v", got)
	}

	// Moving to other subnets and template.
	h.ec2.newVersion()
	if err := update(&asg.UpdateAutoScalingGroupInput{VPCZoneIdentifier: aws.String("subnet-c"), LaunchTemplate: &types.LaunchTemplateSpecification{LaunchTemplateId: aws.String(templateID), Version: aws.String("2")}}); err != nil {
		t.Fatal(err)
	}
	g := h.settle("web")
	// Moved by the template's ID, described by its name too.
	if !reflect.DeepEqual(g.AvailabilityZones, []string{"us-east-1c"}) || aws.ToString(g.LaunchTemplate.Version) != "2" ||
		aws.ToString(g.LaunchTemplate.LaunchTemplateName) != "web" || aws.ToString(g.LaunchTemplate.LaunchTemplateId) != templateID {
		t.Errorf("after update: %v %+v", g.AvailabilityZones, g.LaunchTemplate)
	}
	for _, s := range summary(g) {
		if !regexp.MustCompile(`InService Healthy us-east-1c v2$`).MatchString(s) {
			t.Errorf("instance %s", s)
		}
	}
}

func TestDescribeGroupsFiltersAndPages(t *testing.T) {
	h := newHarness(t)
	for i, n := range []string{"a", "b", "c", "d", "e"} {
		h.create(n, 0, 1, 0, func(in *asg.CreateAutoScalingGroupInput) {
			in.Tags = []types.Tag{{Key: aws.String("env"), Value: aws.String([]string{"prod", "dev"}[i%2])}, {Key: aws.String("k" + n), Value: aws.String("x")}}
		})
	}
	names := func(in *asg.DescribeAutoScalingGroupsInput) []string {
		t.Helper()
		var out []string
		p := asg.NewDescribeAutoScalingGroupsPaginator(h.client, in)
		pages := 0
		for p.HasMorePages() {
			page, err := p.NextPage(h.ctx)
			if err != nil {
				t.Fatal(err)
			}
			pages++
			for _, g := range page.AutoScalingGroups {
				out = append(out, aws.ToString(g.AutoScalingGroupName))
			}
		}
		return append(out, sprintf("%d pages", pages))
	}
	tests := []struct {
		name string
		in   asg.DescribeAutoScalingGroupsInput
		want []string
	}{
		{"all, two per page", asg.DescribeAutoScalingGroupsInput{MaxRecords: aws.Int32(2)}, []string{"a", "b", "c", "d", "e", "3 pages"}},
		{"names", asg.DescribeAutoScalingGroupsInput{AutoScalingGroupNames: []string{"d", "b", "zz"}}, []string{"b", "d", "1 pages"}},
		{"tag:env", asg.DescribeAutoScalingGroupsInput{Filters: []types.Filter{{Name: aws.String("tag:env"), Values: []string{"prod"}}}}, []string{"a", "c", "e", "1 pages"}},
		{"tag-key", asg.DescribeAutoScalingGroupsInput{Filters: []types.Filter{{Name: aws.String("tag-key"), Values: []string{"kb", "kd"}}}}, []string{"b", "d", "1 pages"}},
		{"tag-value and tag:env", asg.DescribeAutoScalingGroupsInput{Filters: []types.Filter{
			{Name: aws.String("tag-value"), Values: []string{"dev"}}, {Name: aws.String("tag:kb"), Values: []string{"x"}}}}, []string{"b", "1 pages"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := tt.in
			if got := names(&in); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
	_, err := h.client.DescribeAutoScalingGroups(h.ctx, &asg.DescribeAutoScalingGroupsInput{Filters: []types.Filter{{Name: aws.String("instance-state"), Values: []string{"x"}}}})
	wantCode(t, err, "ValidationError", "")
	_, err = h.client.DescribeAutoScalingGroups(h.ctx, &asg.DescribeAutoScalingGroupsInput{MaxRecords: aws.Int32(101)})
	wantCode(t, err, "ValidationError", "1 validation error detected: Value '101' at 'maxRecords' failed to satisfy constraint: Member must have value less than or equal to 100")
	_, err = h.client.DescribeAutoScalingGroups(h.ctx, &asg.DescribeAutoScalingGroupsInput{NextToken: aws.String("!!")})
	wantCode(t, err, "InvalidNextToken", "")

	// Another account sees none of them, and may use the same names.
	other := h.clientFor("other")
	out, err := other.DescribeAutoScalingGroups(h.ctx, &asg.DescribeAutoScalingGroupsInput{})
	if err != nil || len(out.AutoScalingGroups) != 0 {
		t.Fatalf("other account sees %d groups, %v", len(out.AutoScalingGroups), err)
	}
	if _, err := other.CreateAutoScalingGroup(h.ctx, &asg.CreateAutoScalingGroupInput{AutoScalingGroupName: aws.String("a"), MinSize: aws.Int32(0), MaxSize: aws.Int32(0),
		LaunchTemplate: &types.LaunchTemplateSpecification{LaunchTemplateName: aws.String("web")}, VPCZoneIdentifier: aws.String("subnet-a")}); err != nil {
		t.Fatal(err)
	}
	limits, err := h.client.DescribeAccountLimits(h.ctx, &asg.DescribeAccountLimitsInput{})
	if err != nil || aws.ToInt32(limits.NumberOfAutoScalingGroups) != 5 || aws.ToInt32(limits.MaxNumberOfAutoScalingGroups) != 500 {
		t.Errorf("DescribeAccountLimits = %+v, %v", limits, err)
	}
}
