package aws

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/autoscaling"
	astypes "github.com/aws/aws-sdk-go-v2/service/autoscaling/types"

	"github.com/drydock-sandbox/drydock/providers"
)

// asgFixture is a group with the tasks it depends on: two launch
// templates, two subnets, two target groups.
type asgFixture struct {
	*ltFixture
	lt2     *launchTemplateTask
	subnets []*subnetTask
	tg, tg2 *targetGroupTask
	asg     *autoscalingGroupTask
	tasks   []task
}

func newASGFixture(name string) *asgFixture {
	f := &asgFixture{ltFixture: newLTFixture(name)}
	lt2 := *f.lt
	lt2.Name, lt2.Tags = "other."+name, tkTags("other."+name)
	f.lt2 = &lt2
	for i, zone := range []string{"us-east-1a", "us-east-1b"} {
		n := zone + "." + tkCluster
		f.subnets = append(f.subnets, &subnetTask{Name: n, Cluster: tkCluster, VPC: f.vpc, Zone: zone, CIDR: fmt.Sprintf("172.20.%d.0/24", i+1), Tags: tkTags(n)})
	}
	tg := func(prefix string) *targetGroupTask {
		n := prefix + "." + tkCluster
		return &targetGroupTask{Name: n, Cluster: tkCluster, AWSName: TargetGroupName(prefix, tkCluster), VPC: f.vpc, Port: 443, Protocol: "TCP", Tags: tkTags(n)}
	}
	f.tg, f.tg2 = tg("tcp"), tg("kops")
	f.asg = &autoscalingGroupTask{
		Name: name, Cluster: tkCluster, Template: f.lt, MinSize: 1, MaxSize: 3,
		Subnets: f.subnets[:1], TargetGroups: []*targetGroupTask{f.tg},
		Tags:  tkTags(name, TagInstanceGroup, "nodes-us-east-1a", TagRoleNode, "1"),
		retry: profileRetry{interval: time.Millisecond},
	}
	f.tasks = append(slices.Clone(f.allTasks), f.lt2, f.subnets[0], f.subnets[1], f.tg, f.tg2, f.asg)
	return f
}

func describeASG(t *testing.T, c *Clients, name string) astypes.AutoScalingGroup {
	t.Helper()
	out, err := c.AutoScaling.DescribeAutoScalingGroups(context.Background(), &autoscaling.DescribeAutoScalingGroupsInput{AutoScalingGroupNames: []string{name}})
	if err != nil || len(out.AutoScalingGroups) != 1 {
		t.Fatalf("describe group %s: %v", name, err)
	}
	return out.AutoScalingGroups[0]
}

func TestAutoscalingGroup(t *testing.T) {
	_, c := startFake(t)
	ctx := context.Background()
	name := "nodes-us-east-1a." + tkCluster
	f := newASGFixture(name)

	// Nothing exists: a dry run plans the group with the rest.
	var planned *providers.Change
	for _, ch := range planTasks(t, c, f.tasks...) {
		if !ch.Create {
			t.Fatalf("dry run modifies %s/%s", ch.Kind, ch.Name)
		}
		if ch.Kind == "AutoscalingGroup" {
			planned = &ch
		}
	}
	if planned == nil {
		t.Fatal("the group is not planned")
	}
	want := []providers.Field{
		{Name: "LaunchTemplate", New: "name:" + f.lt.Name}, {Name: "LaunchTemplateVersion", New: "$Latest"},
		{Name: "MaxSize", New: "3"}, {Name: "MinSize", New: "1"}, {Name: "Subnets", New: "[us-east-1a." + tkCluster + "]"},
		{Name: "Tags", New: render(f.asg.Tags)}, {Name: "TargetGroups", New: "[tcp." + tkCluster + "]"},
	}
	if !slices.Equal(planned.Fields, want) {
		t.Errorf("planned fields\n %v\nwant %v", planned.Fields, want)
	}

	applyTasks(t, c, f.tasks...)
	g := describeASG(t, c, name)
	if aws.ToInt32(g.MinSize) != 1 || aws.ToInt32(g.MaxSize) != 3 || aws.ToInt32(g.DesiredCapacity) != 1 {
		t.Errorf("sizes min %d max %d desired %d", aws.ToInt32(g.MinSize), aws.ToInt32(g.MaxSize), aws.ToInt32(g.DesiredCapacity))
	}
	if g.LaunchTemplate == nil || aws.ToString(g.LaunchTemplate.LaunchTemplateId) != f.lt.id || aws.ToString(g.LaunchTemplate.Version) != "$Latest" {
		t.Errorf("launch template %+v, want %s $Latest", g.LaunchTemplate, f.lt.id)
	}
	if aws.ToString(g.VPCZoneIdentifier) != f.subnets[0].id || !slices.Equal(g.TargetGroupARNs, []string{f.tg.arn}) {
		t.Errorf("subnets %s, target groups %v", aws.ToString(g.VPCZoneIdentifier), g.TargetGroupARNs)
	}
	for _, tag := range g.Tags {
		if !aws.ToBool(tag.PropagateAtLaunch) || f.asg.Tags[aws.ToString(tag.Key)] != aws.ToString(tag.Value) {
			t.Errorf("tag %s=%s propagate %v", aws.ToString(tag.Key), aws.ToString(tag.Value), aws.ToBool(tag.PropagateAtLaunch))
		}
	}
	if len(g.Tags) != len(f.asg.Tags) {
		t.Errorf("%d tags, want %d", len(g.Tags), len(f.asg.Tags))
	}
	tkNoChanges(t, c, f.tasks...)

	a, b := f.subnets[0].Name, f.subnets[1].Name
	for _, tc := range []struct {
		name    string
		before  func() // on AWS, before the change
		change  func()
		want    providers.Field
		desired int32
	}{
		{"MaxSize", nil, func() { f.asg.MaxSize = 5 }, providers.Field{Name: "MaxSize", Old: "3", New: "5"}, 1},
		{"MinSize raises desired", nil, func() { f.asg.MinSize = 2 }, providers.Field{Name: "MinSize", Old: "1", New: "2"}, 2},
		{"MaxSize lowers desired", func() { setDesired(t, c, name, 5) }, func() { f.asg.MaxSize = 3 }, providers.Field{Name: "MaxSize", Old: "5", New: "3"}, 3},
		{"Subnets", nil, func() { f.asg.Subnets = []*subnetTask{f.subnets[1], f.subnets[0]} }, providers.Field{Name: "Subnets", Old: "[" + a + "]", New: "[" + a + ", " + b + "]"}, 3},
		{"TargetGroups attach", nil, func() { f.asg.TargetGroups = []*targetGroupTask{f.tg, f.tg2} }, providers.Field{Name: "TargetGroups",
			Old: "[" + f.tg.Name + "]", New: "[" + f.tg2.Name + ", " + f.tg.Name + "]"}, 3},
		{"TargetGroups detach", nil, func() { f.asg.TargetGroups = []*targetGroupTask{f.tg2} }, providers.Field{Name: "TargetGroups",
			Old: "[" + f.tg2.Name + ", " + f.tg.AWSName + "]", New: "[" + f.tg2.Name + "]"}, 3},
		{"Tags", nil, func() { f.asg.Tags = tkTags(name, "team", "a") }, providers.Field{Name: "Tags", Old: render(only(f.asg.Tags, tkTags(name, "team", "a"))), New: render(tkTags(name, "team", "a"))}, 3},
		{"LaunchTemplate", nil, func() { f.asg.Template = f.lt2 }, providers.Field{Name: "LaunchTemplate", Old: "name:" + f.lt.Name, New: "name:" + f.lt2.Name}, 3},
		{"LaunchTemplateVersion", func() { pinVersion(t, c, name, f.lt2.id, "1") }, func() {}, providers.Field{Name: "LaunchTemplateVersion", Old: "1", New: "$Latest"}, 3},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.before != nil {
				tc.before()
			}
			tc.change()
			tkWantChange(t, c, f.tasks, "AutoscalingGroup", name, tc.want)
			g := describeASG(t, c, name)
			if got := aws.ToInt32(g.DesiredCapacity); got != tc.desired {
				t.Errorf("desired capacity %d, want %d", got, tc.desired)
			}
		})
	}
	g = describeASG(t, c, name)
	if ids := strings.Split(aws.ToString(g.VPCZoneIdentifier), ","); !slices.Equal(slices.Sorted(slices.Values(ids)), slices.Sorted(slices.Values([]string{f.subnets[0].id, f.subnets[1].id}))) {
		t.Errorf("subnets %v", ids)
	}
	if !slices.Equal(g.TargetGroupARNs, []string{f.tg2.arn}) || aws.ToString(g.LaunchTemplate.LaunchTemplateId) != f.lt2.id ||
		aws.ToString(g.LaunchTemplate.Version) != "$Latest" || aws.ToInt32(g.MinSize) != 2 || aws.ToInt32(g.MaxSize) != 3 {
		t.Errorf("group after the changes: %+v", g)
	}

	// A template of the expected name but another ID (re-created) shows
	// with its ID; without a recorded ID (not found yet), by its name.
	for _, tc := range []struct{ id, want string }{
		{"lt-0123456789abcdef0", "name:" + f.lt2.Name + " (" + f.lt2.id + ")"},
		{"", "name:" + f.lt2.Name},
	} {
		expected := *f.asg
		expected.Template = &launchTemplateTask{Name: f.lt2.Name, id: tc.id}
		got, err := expected.find(ctx, c)
		if err != nil {
			t.Fatal(err)
		}
		if v := render(got.(*autoscalingGroupTask).Template); v != tc.want {
			t.Errorf("template (expected id %q) shows as %q, want %q", tc.id, v, tc.want)
		}
	}
}

func setDesired(t *testing.T, c *Clients, name string, n int32) {
	t.Helper()
	if _, err := c.AutoScaling.SetDesiredCapacity(context.Background(), &autoscaling.SetDesiredCapacityInput{
		AutoScalingGroupName: aws.String(name), DesiredCapacity: aws.Int32(n),
	}); err != nil {
		t.Fatal(err)
	}
}

func pinVersion(t *testing.T, c *Clients, name, templateID, version string) {
	t.Helper()
	if _, err := c.AutoScaling.UpdateAutoScalingGroup(context.Background(), &autoscaling.UpdateAutoScalingGroupInput{
		AutoScalingGroupName: aws.String(name),
		LaunchTemplate:       &astypes.LaunchTemplateSpecification{LaunchTemplateId: aws.String(templateID), Version: aws.String(version)},
	}); err != nil {
		t.Fatal(err)
	}
}

// Auto Scaling may refuse a launch template whose instance profile is
// new: creating the group waits for it.
func TestAutoscalingGroupProfileNotReady(t *testing.T) {
	srv, c := startFake(t)
	name := "nodes." + tkCluster
	f := newASGFixture(name)
	msg := "You must use a valid fully-formed launch template. Value (nodes." + tkCluster + ") for parameter iamInstanceProfile.name is invalid. Invalid IAM Instance Profile name"
	slow := tkFaulty(t, srv, "CreateAutoScalingGroup", 2, false, "ValidationError", msg)
	applyTasks(t, slow, f.tasks...)
	describeASG(t, c, name)
	tkNoChanges(t, c, f.tasks...)

	g := newASGFixture("other." + tkCluster)
	broken := tkFaulty(t, srv, "CreateAutoScalingGroup", 1, false, "ValidationError", "Max bound, 3, must be greater than or equal to min bound, 5")
	if _, err := run(context.Background(), broken, g.tasks, true, 4, nil); err == nil || !strings.Contains(err.Error(), "Max bound") {
		t.Errorf("apply through an Auto Scaling error: %v", err)
	}
}
