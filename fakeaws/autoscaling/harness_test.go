package autoscaling_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"sort"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/drydock-sandbox/drydock/internal/awshttp"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	asg "github.com/aws/aws-sdk-go-v2/service/autoscaling"
	"github.com/aws/aws-sdk-go-v2/service/autoscaling/types"
	"github.com/aws/smithy-go"
	"github.com/drydock-sandbox/drydock/fakeaws/autoscaling"
	"github.com/drydock-sandbox/drydock/fakeaws/internal/awsapi"
	"github.com/drydock-sandbox/drydock/fakeaws/internal/backend"
	"github.com/drydock-sandbox/drydock/fakeaws/internal/ids"
	"github.com/drydock-sandbox/drydock/fakeaws/internal/store"
	clocktesting "k8s.io/utils/clock/testing"
)

// epoch is the fake clock's start.
var epoch = time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)

const (
	account      = "123456789012"
	otherAccount = "210987654321"
	tgA          = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/a/0123456789abcdef"
	tgB          = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/b/0123456789abcdef"
	templateID   = "lt-0123456789abcdef0"
)

// accounts maps access keys to accounts, for the harness's requests.
var accounts = map[string]string{"test": account, "other": otherAccount}

type harness struct {
	t      testing.TB
	ctx    context.Context
	clk    *clocktesting.FakeClock
	ec2    *fakeEC2
	tgs    *fakeTGs
	db     *store.DB
	env    backend.Env
	svc    *autoscaling.Service
	url    string
	client *asg.Client
}

// newHarness serves a fresh Auto Scaling over httptest, with a fake EC2,
// a fake target group registry (target groups a and b), a fake clock
// and a seeded ID source.
func newHarness(t testing.TB, opts ...func(*autoscaling.Config)) *harness {
	t.Helper()
	clk := clocktesting.NewFakeClock(epoch)
	db, err := store.Open(store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = db.Close() })
	h := &harness{t: t, ctx: context.Background(), clk: clk, ec2: newFakeEC2(clk), tgs: newFakeTGs(tgA, tgB), db: db}
	h.env = backend.Env{DB: db, Clock: clk, IDs: ids.New(1), Partition: "aws"}
	h.svc = h.newService(opts...)
	var n atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		acct := account
		if _, rest, ok := strings.Cut(r.Header.Get("Authorization"), "Credential="); ok {
			key, _, _ := strings.Cut(rest, "/")
			if a, ok := accounts[key]; ok {
				acct = a
			}
		}
		req := &awsapi.Request{
			HTTP: r, Body: r.Body, ContentLength: r.ContentLength, Service: "autoscaling", Region: "us-east-1",
			Caller:    awsapi.Caller{AccessKey: "test", Account: acct, ARN: "arn:aws:iam::" + acct + ":root"},
			RequestID: fmt.Sprintf("req-%d", n.Add(1)), Now: clk.Now(),
		}
		h.svc.Serve(w, req)
	}))
	t.Cleanup(srv.Close)
	h.url = srv.URL
	h.client = h.clientFor("test")
	return h
}

// newService builds another service over the same store, as after a
// restart.
func (h *harness) newService(opts ...func(*autoscaling.Config)) *autoscaling.Service {
	cfg := autoscaling.Config{EC2: h.ec2, TargetGroups: h.tgs, Speed: 1}
	for _, o := range opts {
		o(&cfg)
	}
	return autoscaling.New(h.env, cfg)
}

func (h *harness) clientFor(key string) *asg.Client {
	return asg.NewFromConfig(aws.Config{
		Region:       "us-east-1",
		Credentials:  credentials.NewStaticCredentialsProvider(key, "secret", ""),
		BaseEndpoint: aws.String(h.url),
		Retryer:      func() aws.Retryer { return aws.NopRetryer{} },
		HTTPClient:   &http.Client{Transport: awshttp.BufferedBody(&http.Transport{})},
	})
}

// reconcile runs one round at the fake clock's time.
func (h *harness) reconcile() {
	h.t.Helper()
	if err := h.svc.Reconcile(h.ctx, h.clk.Now()); err != nil {
		h.t.Fatalf("Reconcile: %v", err)
	}
}

// settle runs rounds, making launched instances running, until the
// group's instances stop changing; it fails after 20 rounds.
func (h *harness) settle(groupName string) types.AutoScalingGroup {
	h.t.Helper()
	prev := ""
	for range 20 {
		h.reconcile()
		h.ec2.runAll()
		g := h.group(groupName)
		s := fmt.Sprint(summary(g))
		if s == prev {
			return g
		}
		prev = s
	}
	h.t.Fatalf("group %s does not settle", groupName)
	return types.AutoScalingGroup{}
}

// group describes one group.
func (h *harness) group(name string) types.AutoScalingGroup {
	h.t.Helper()
	out, err := h.client.DescribeAutoScalingGroups(h.ctx, &asg.DescribeAutoScalingGroupsInput{AutoScalingGroupNames: []string{name}})
	if err != nil {
		h.t.Fatalf("DescribeAutoScalingGroups: %v", err)
	}
	if len(out.AutoScalingGroups) != 1 {
		h.t.Fatalf("DescribeAutoScalingGroups %s: %d groups", name, len(out.AutoScalingGroups))
	}
	return out.AutoScalingGroups[0]
}

// exists reports whether the group is still described.
func (h *harness) exists(name string) bool {
	h.t.Helper()
	out, err := h.client.DescribeAutoScalingGroups(h.ctx, &asg.DescribeAutoScalingGroupsInput{AutoScalingGroupNames: []string{name}})
	if err != nil {
		h.t.Fatalf("DescribeAutoScalingGroups: %v", err)
	}
	return len(out.AutoScalingGroups) == 1
}

// activities lists a group's activities, newest first.
func (h *harness) activities(name string) []types.Activity {
	h.t.Helper()
	var all []types.Activity
	p := asg.NewDescribeScalingActivitiesPaginator(h.client, &asg.DescribeScalingActivitiesInput{AutoScalingGroupName: aws.String(name)})
	for p.HasMorePages() {
		out, err := p.NextPage(h.ctx)
		if err != nil {
			h.t.Fatalf("DescribeScalingActivities: %v", err)
		}
		all = append(all, out.Activities...)
	}
	return all
}

// create makes a group over subnets a, b and c from the web template.
func (h *harness) create(name string, min, max, desired int32, edit ...func(*asg.CreateAutoScalingGroupInput)) {
	h.t.Helper()
	in := &asg.CreateAutoScalingGroupInput{
		AutoScalingGroupName: aws.String(name),
		MinSize:              aws.Int32(min),
		MaxSize:              aws.Int32(max),
		DesiredCapacity:      aws.Int32(desired),
		LaunchTemplate:       &types.LaunchTemplateSpecification{LaunchTemplateName: aws.String("web"), Version: aws.String("$Latest")},
		VPCZoneIdentifier:    aws.String("subnet-a,subnet-b,subnet-c"),
	}
	for _, e := range edit {
		e(in)
	}
	if _, err := h.client.CreateAutoScalingGroup(h.ctx, in); err != nil {
		h.t.Fatalf("CreateAutoScalingGroup %s: %v", name, err)
	}
}

// summary is a group's instances as "ID State Health AZ v", sorted by ID.
func summary(g types.AutoScalingGroup) []string {
	var out []string
	for _, in := range g.Instances {
		v := ""
		if in.LaunchTemplate != nil {
			v = aws.ToString(in.LaunchTemplate.Version)
		}
		out = append(out, fmt.Sprintf("%s %s %s %s v%s", aws.ToString(in.InstanceId), in.LifecycleState, aws.ToString(in.HealthStatus), aws.ToString(in.AvailabilityZone), v))
	}
	sort.Strings(out)
	return out
}

// byState counts a group's instances by lifecycle state.
func byState(g types.AutoScalingGroup) map[types.LifecycleState]int {
	m := map[types.LifecycleState]int{}
	for _, in := range g.Instances {
		m[in.LifecycleState]++
	}
	return m
}

// byZone counts a group's InService and Pending instances by zone.
func byZone(g types.AutoScalingGroup) map[string]int {
	m := map[string]int{}
	for _, in := range g.Instances {
		if in.LifecycleState == types.LifecycleStateInService || strings.HasPrefix(string(in.LifecycleState), "Pending") {
			m[aws.ToString(in.AvailabilityZone)]++
		}
	}
	return m
}

// instanceIDs lists a group's instance IDs in a state ("" for all), sorted.
func instanceIDs(g types.AutoScalingGroup, state types.LifecycleState) []string {
	var out []string
	for _, in := range g.Instances {
		if state == "" || in.LifecycleState == state {
			out = append(out, aws.ToString(in.InstanceId))
		}
	}
	sort.Strings(out)
	return out
}

// wantCode asserts err is the AWS error code, with message if not "".
func wantCode(t testing.TB, err error, code, message string) {
	t.Helper()
	var ae smithy.APIError
	if !errors.As(err, &ae) {
		t.Fatalf("err = %v, want %s", err, code)
	}
	if ae.ErrorCode() != code {
		t.Fatalf("code = %s (%s), want %s", ae.ErrorCode(), ae.ErrorMessage(), code)
	}
	if message != "" && ae.ErrorMessage() != message {
		t.Fatalf("message = %q, want %q", ae.ErrorMessage(), message)
	}
}

func sprintf(format string, args ...any) string { return fmt.Sprintf(format, args...) }
