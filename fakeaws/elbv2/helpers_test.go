package elbv2_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/aws-sdk-go-v2/credentials"
	elb "github.com/aws/aws-sdk-go-v2/service/elasticloadbalancingv2"
	"github.com/aws/aws-sdk-go-v2/service/elasticloadbalancingv2/types"
	"github.com/aws/smithy-go"
	"github.com/drydock-sandbox/drydock/fakeaws/compute"
	"github.com/drydock-sandbox/drydock/fakeaws/elbv2"
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
	region       = "us-east-1"
	// otherKey is the access key of otherAccount in the test harness.
	otherKey = "AKIDOTHERACCOUNT0000"
	// provisioning is the test load balancers' provisioning delay.
	provisioning = 3 * time.Minute
)

// world is a running ELBv2 with a fake EC2 and runtime behind it.
type world struct {
	t   testing.TB
	clk *clocktesting.FakeClock
	svc *elbv2.Service
	net *fakeNetwork
	rt  *fakeRuntime
	url string
	hc  *http.Client
	elb *elb.Client // default account, us-east-1
}

// start runs the service with a seeded ID source, a fake clock, a fake
// network with vpc-1 (subnets a, b, c in us-east-1a..c) and vpc-2, and
// Speed 1.
func start(t testing.TB, tweak ...func(*elbv2.Config)) *world {
	t.Helper()
	db, err := store.Open(store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = db.Close() })
	w := &world{t: t, clk: clocktesting.NewFakeClock(epoch), net: newFakeNetwork(), rt: &fakeRuntime{status: map[string]compute.Status{}}}
	cfg := elbv2.Config{Network: w.net, Runtime: w.rt, ProvisioningDelay: provisioning, Speed: 1, ProbeTimeout: time.Second}
	for _, f := range tweak {
		f(&cfg)
	}
	env := backend.Env{DB: db, Clock: w.clk, IDs: ids.New(7), Partition: "aws"}
	w.svc = elbv2.New(env, cfg)
	t.Cleanup(func() { _ = w.svc.Close() })
	w.url, w.hc = serve(t, w.svc, w.clk)
	w.elb = w.client(account, region)
	for _, az := range []string{"a", "b", "c"} {
		w.net.addSubnet(account, region, "subnet-"+az, "vpc-1", region+az)
	}
	w.net.addSubnet(account, region, "subnet-a2", "vpc-1", region+"a")
	w.net.addSubnet(account, region, "subnet-x", "vpc-2", region+"a")
	w.net.addSG(account, region, "sg-1", "vpc-1")
	w.net.addSG(account, region, "sg-2", "vpc-2")
	return w
}

// serve is the test harness: an HTTP server that hands every request to
// svc as the fakeaws server would, for the account of the access key
// (otherKey is otherAccount, any other key the default account) in the
// region of the signature's scope. Replace it with fakeawstest.Start
// once the service is wired into fakeaws.
func serve(t testing.TB, svc *elbv2.Service, clk *clocktesting.FakeClock) (string, *http.Client) {
	t.Helper()
	var mu sync.Mutex
	n := 0
	hs := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		n++
		reqID := fmt.Sprintf("req-%d", n)
		mu.Unlock()
		acct, reg := account, region
		if _, after, ok := strings.Cut(r.Header.Get("Authorization"), "Credential="); ok {
			f := strings.Split(strings.SplitN(after, ",", 2)[0], "/")
			if len(f) >= 3 {
				reg = f[2]
				if f[0] == otherKey {
					acct = otherAccount
				}
			}
		}
		svc.Serve(w, &awsapi.Request{
			HTTP: r, Body: r.Body, ContentLength: r.ContentLength, Service: "elasticloadbalancing",
			Region: reg, Caller: awsapi.Caller{Account: acct}, RequestID: reqID, Now: clk.Now(),
		})
	}))
	t.Cleanup(hs.Close)
	return hs.URL, hs.Client()
}

// client is an ELBv2 client for account in region.
func (w *world) client(acct, reg string) *elb.Client {
	key := "AKIDEXAMPLE"
	if acct == otherAccount {
		key = otherKey
	}
	return elb.New(elb.Options{
		Region:       reg,
		BaseEndpoint: aws.String(w.url),
		Credentials:  credentials.NewStaticCredentialsProvider(key, "secret", ""),
		HTTPClient:   w.hc,
		Retryer:      aws.NopRetryer{},
	})
}

// step moves the clock on.
func (w *world) step(d time.Duration) { w.clk.Step(d) }

// round runs one synchronous round of health checks and reconciliation.
func (w *world) round() {
	w.t.Helper()
	if err := w.svc.Round(context.Background()); err != nil {
		w.t.Fatalf("round: %v", err)
	}
}

var ctx = context.Background()

// wantErr asserts that err is the AWS error code with HTTP status 400
// and, unless msg is empty, the message.
func wantErr(t testing.TB, err error, code, msg string) {
	t.Helper()
	if err == nil {
		t.Fatalf("got no error, want %s", code)
	}
	var ae smithy.APIError
	if !errors.As(err, &ae) {
		t.Fatalf("error %v is not an API error", err)
	}
	if ae.ErrorCode() != code {
		t.Fatalf("error code %q (%s), want %q", ae.ErrorCode(), ae.ErrorMessage(), code)
	}
	var re *awshttp.ResponseError
	if errors.As(err, &re) && re.HTTPStatusCode() != http.StatusBadRequest {
		t.Errorf("%s: HTTP status %d, want 400", code, re.HTTPStatusCode())
	}
	if msg != "" && ae.ErrorMessage() != msg {
		t.Errorf("%s message:\n got %q\nwant %q", code, ae.ErrorMessage(), msg)
	}
}

// outcome is the result of an SDK call, for call(client.X(ctx, in)).must(t).
type outcome[T any] struct {
	v   T
	err error
}

func call[T any](v T, err error) outcome[T] { return outcome[T]{v, err} }

// must returns the call's output or fails the test.
func (o outcome[T]) must(t testing.TB) T {
	t.Helper()
	if o.err != nil {
		t.Fatal(o.err)
	}
	return o.v
}

var (
	reNLBARN      = regexp.MustCompile(`^arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/net/[a-z0-9-]+/[0-9a-f]{16}$`)
	reALBARN      = regexp.MustCompile(`^arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/[a-z0-9-]+/[0-9a-f]{16}$`)
	reTGARN       = regexp.MustCompile(`^arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/[a-z0-9-]+/[0-9a-f]{16}$`)
	reListenerARN = regexp.MustCompile(`^arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/(net|app)/[a-z0-9-]+/[0-9a-f]{16}/[0-9a-f]{16}$`)
)

// nlb creates an internet-facing network load balancer in subnets a and b.
func (w *world) nlb(name string) types.LoadBalancer {
	w.t.Helper()
	out := call(w.elb.CreateLoadBalancer(ctx, &elb.CreateLoadBalancerInput{
		Name: aws.String(name), Type: types.LoadBalancerTypeEnumNetwork, Subnets: []string{"subnet-a", "subnet-b"},
	})).must(w.t)
	return out.LoadBalancers[0]
}

// tcpGroup creates a TCP target group in vpc-1 on port with a 10s
// interval and thresholds of 2.
func (w *world) tcpGroup(name string, port int32) types.TargetGroup {
	w.t.Helper()
	out := call(w.elb.CreateTargetGroup(ctx, &elb.CreateTargetGroupInput{
		Name: aws.String(name), Protocol: types.ProtocolEnumTcp, Port: aws.Int32(port), VpcId: aws.String("vpc-1"),
		HealthCheckIntervalSeconds: aws.Int32(10), HealthyThresholdCount: aws.Int32(2), UnhealthyThresholdCount: aws.Int32(2),
	})).must(w.t)
	return out.TargetGroups[0]
}

// forward creates a TCP listener on port of lb forwarding to tg.
func (w *world) forward(lbARN, tgARN string, port int32) types.Listener {
	w.t.Helper()
	out := call(w.elb.CreateListener(ctx, &elb.CreateListenerInput{
		LoadBalancerArn: aws.String(lbARN), Protocol: types.ProtocolEnumTcp, Port: aws.Int32(port),
		DefaultActions: []types.Action{{Type: types.ActionTypeEnumForward, TargetGroupArn: aws.String(tgARN)}},
	})).must(w.t)
	return out.Listeners[0]
}

// health returns the state, reason and description of each target of a
// group, as "id:port state reason: description".
func (w *world) health(tgARN string) []string {
	w.t.Helper()
	out := call(w.elb.DescribeTargetHealth(ctx, &elb.DescribeTargetHealthInput{TargetGroupArn: aws.String(tgARN)})).must(w.t)
	var got []string
	for _, d := range out.TargetHealthDescriptions {
		got = append(got, healthLine(d))
	}
	return got
}

func healthLine(d types.TargetHealthDescription) string {
	s := fmt.Sprintf("%s:%d %s", aws.ToString(d.Target.Id), aws.ToInt32(d.Target.Port), d.TargetHealth.State)
	if d.TargetHealth.Reason != "" {
		s += " " + string(d.TargetHealth.Reason) + ": " + aws.ToString(d.TargetHealth.Description)
	}
	return s
}

// fakeNetwork is EC2 as far as ELBv2 asks.
type fakeNetwork struct {
	mu        sync.Mutex
	subnets   map[string]elbv2.Subnet
	sgs       map[string]string
	instances map[string]elbv2.Instance
}

func newFakeNetwork() *fakeNetwork {
	return &fakeNetwork{subnets: map[string]elbv2.Subnet{}, sgs: map[string]string{}, instances: map[string]elbv2.Instance{}}
}

func nkey(acct, reg, id string) string { return acct + "/" + reg + "/" + id }

func (n *fakeNetwork) addSubnet(acct, reg, id, vpc, az string) {
	n.mu.Lock()
	defer n.mu.Unlock()
	n.subnets[nkey(acct, reg, id)] = elbv2.Subnet{VpcID: vpc, AvailabilityZone: az}
}

func (n *fakeNetwork) addSG(acct, reg, id, vpc string) {
	n.mu.Lock()
	defer n.mu.Unlock()
	n.sgs[nkey(acct, reg, id)] = vpc
}

// setInstance adds or changes an instance of the default account.
func (n *fakeNetwork) setInstance(id string, inst elbv2.Instance) {
	n.mu.Lock()
	defer n.mu.Unlock()
	n.instances[nkey(account, region, id)] = inst
}

// running adds a running instance in vpc-1, us-east-1a.
func (n *fakeNetwork) running(id string) {
	n.setInstance(id, elbv2.Instance{State: elbv2.StateRunning, VpcID: "vpc-1", AvailabilityZone: "us-east-1a", PrivateIP: netip.MustParseAddr("10.0.1.10")})
}

func (n *fakeNetwork) Subnet(acct, reg, id string) (elbv2.Subnet, bool, error) {
	n.mu.Lock()
	defer n.mu.Unlock()
	s, ok := n.subnets[nkey(acct, reg, id)]
	return s, ok, nil
}

func (n *fakeNetwork) SecurityGroupVPCs(acct, reg string, ids []string) (map[string]string, error) {
	n.mu.Lock()
	defer n.mu.Unlock()
	out := map[string]string{}
	for _, id := range ids {
		if v, ok := n.sgs[nkey(acct, reg, id)]; ok {
			out[id] = v
		}
	}
	return out, nil
}

func (n *fakeNetwork) Instance(acct, reg, id string) (elbv2.Instance, bool, error) {
	n.mu.Lock()
	defer n.mu.Unlock()
	i, ok := n.instances[nkey(acct, reg, id)]
	return i, ok, nil
}

// fakeRuntime reports what tests set.
type fakeRuntime struct {
	mu     sync.Mutex
	status map[string]compute.Status
}

func (r *fakeRuntime) Notify(context.Context, compute.Event) error { return nil }

func (r *fakeRuntime) Status(id string) compute.Status {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.status[id]
}

func (r *fakeRuntime) set(id string, st compute.Status) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.status[id] = st
}
