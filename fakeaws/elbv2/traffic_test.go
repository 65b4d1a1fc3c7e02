package elbv2_test

import (
	"bufio"
	"context"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	elb "github.com/aws/aws-sdk-go-v2/service/elasticloadbalancingv2"
	"github.com/drydock-sandbox/drydock/fakeaws/compute"
	"github.com/drydock-sandbox/drydock/fakeaws/elbv2"
)

// echoServer greets every connection with its name and a newline, then
// echoes what it reads.
type echoServer struct {
	name string
	ln   net.Listener
	wg   sync.WaitGroup

	mu    sync.Mutex
	conns map[net.Conn]bool
}

func startEcho(t testing.TB, name string) *echoServer {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	e := &echoServer{name: name, ln: ln, conns: map[net.Conn]bool{}}
	e.wg.Add(1)
	go func() {
		defer e.wg.Done()
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			e.mu.Lock()
			e.conns[c] = true
			e.mu.Unlock()
			e.wg.Add(1)
			go func() {
				defer e.wg.Done()
				defer c.Close()
				if _, err := fmt.Fprintln(c, name); err != nil {
					return
				}
				buf := make([]byte, 1024)
				for {
					n, err := c.Read(buf)
					if err != nil {
						return
					}
					if _, err := c.Write(buf[:n]); err != nil {
						return
					}
				}
			}()
		}
	}()
	t.Cleanup(e.kill)
	return e
}

func (e *echoServer) addr() netip.AddrPort { return e.ln.Addr().(*net.TCPAddr).AddrPort() }

// kill stops the server as a dying process would: listener and
// connections closed.
func (e *echoServer) kill() {
	_ = e.ln.Close()
	e.mu.Lock()
	for c := range e.conns {
		_ = c.Close()
	}
	e.mu.Unlock()
	e.wg.Wait()
}

// greet connects to addr, reads the backend's greeting, checks that an
// echo comes back, and returns the greeting ("" when the connection is
// closed without one).
func greet(t testing.TB, addr netip.AddrPort) string {
	t.Helper()
	c, err := net.Dial("tcp", addr.String())
	if err != nil {
		t.Fatalf("dial %s: %v", addr, err)
	}
	defer c.Close()
	_ = c.SetDeadline(time.Now().Add(5 * time.Second))
	r := bufio.NewReader(c)
	name, err := r.ReadString('\n')
	if err != nil {
		return ""
	}
	if _, err := fmt.Fprintln(c, "ping"); err != nil {
		t.Fatal(err)
	}
	if echo, err := r.ReadString('\n'); err != nil || echo != "ping\n" {
		t.Fatalf("echo %q, %v", echo, err)
	}
	return strings.TrimSpace(name)
}

func greetings(t testing.TB, addr netip.AddrPort, n int) string {
	t.Helper()
	var out []string
	for range n {
		out = append(out, greet(t, addr))
	}
	return strings.Join(out, " ")
}

// serving sets the runtime to report that instance id serves port at
// addr.
func (w *world) serving(id string, port int, addr netip.AddrPort) {
	w.rt.set(id, compute.Status{Known: true, Up: true, Healthy: true, Ports: map[int]netip.AddrPort{port: addr}})
}

func TestListenerForwardsAndFailsOver(t *testing.T) {
	w := start(t)
	w.net.running(i1)
	w.net.running(i2)
	a, b := startEcho(t, "a"), startEcho(t, "b")
	w.serving(i1, 443, a.addr())
	w.serving(i2, 443, b.addr())
	tg := *w.tcpGroup("api", 443).TargetGroupArn
	lb := w.nlb("api")
	l := *w.forward(*lb.LoadBalancerArn, tg, 443).ListenerArn
	w.register(tg, i1, i2)

	if _, ok := w.svc.ListenerAddr(account, region, l); ok {
		t.Fatal("a provisioning load balancer has a listener address")
	}
	w.step(provisioning)
	w.round() // first check: 1 of 2
	w.wantHealth(tg,
		i1+":443 initial Elb.InitialHealthChecking: Initial health checks in progress",
		i2+":443 initial Elb.InitialHealthChecking: Initial health checks in progress")
	addr, ok := w.svc.ListenerAddr(account, region, l)
	if !ok || !addr.Addr().IsLoopback() {
		t.Fatalf("ListenerAddr = %v, %v", addr, ok)
	}
	if got := greet(t, addr); got != "" {
		t.Errorf("a listener without healthy targets answered %q", got)
	}
	w.step(10 * time.Second)
	w.round() // second check: healthy
	w.wantHealth(tg, i1+":443 healthy", i2+":443 healthy")
	if got := greetings(t, addr, 4); got != "a b a b" {
		t.Errorf("round robin answers %q, want a b a b", got)
	}

	a.kill()
	w.step(10 * time.Second)
	w.round() // one failure: still healthy
	w.wantHealth(tg, i1+":443 healthy", i2+":443 healthy")
	w.step(10 * time.Second)
	w.round() // UnhealthyThresholdCount failures
	w.wantHealth(tg, i1+":443 unhealthy Target.FailedHealthChecks: Health checks failed", i2+":443 healthy")
	if got := greetings(t, addr, 4); got != "b b b b" {
		t.Errorf("after failover answers %q, want b b b b", got)
	}

	// A new process on the instance: healthy again after the threshold.
	a2 := startEcho(t, "a2")
	w.serving(i1, 443, a2.addr())
	w.step(10 * time.Second)
	w.round()
	w.step(10 * time.Second)
	w.round()
	w.wantHealth(tg, i1+":443 healthy", i2+":443 healthy")
	if got := greetings(t, addr, 2); got != "a2 b" && got != "b a2" {
		t.Errorf("after recovery answers %q", got)
	}

	// Deleting the listener closes its socket.
	call(w.elb.DeleteListener(ctx, &elb.DeleteListenerInput{ListenerArn: aws.String(l)})).must(t)
	if _, err := net.Dial("tcp", addr.String()); err == nil {
		t.Error("the listener of a deleted listener still accepts connections")
	}
	if _, ok := w.svc.ListenerAddr(account, region, l); ok {
		t.Error("a deleted listener has an address")
	}
}

func TestRoundOpensListeners(t *testing.T) {
	w := start(t, func(c *elbv2.Config) { c.ProvisioningDelay = 0 })
	w.net.running(i1)
	e := startEcho(t, "e")
	w.serving(i1, 443, e.addr())
	tg := *w.tcpGroup("api", 443).TargetGroupArn
	lb := w.nlb("api")
	l := *w.forward(*lb.LoadBalancerArn, tg, 443).ListenerArn
	w.register(tg, i1)
	w.round()
	w.step(10 * time.Second)
	w.round()
	addr, ok := w.svc.ListenerAddr(account, region, l)
	if !ok {
		t.Fatal("no listener address")
	}
	if got := greet(t, addr); got != "e" {
		t.Errorf("answer %q", got)
	}
	// Deleting the load balancer closes its listeners.
	call(w.elb.DeleteLoadBalancer(ctx, &elb.DeleteLoadBalancerInput{LoadBalancerArn: lb.LoadBalancerArn})).must(t)
	if _, err := net.Dial("tcp", addr.String()); err == nil {
		t.Error("a deleted load balancer's listener still accepts connections")
	}
}

func TestNoSocketsWithoutRuntimeAddresses(t *testing.T) {
	w := start(t, func(c *elbv2.Config) { c.ProvisioningDelay, c.Runtime = 0, compute.Nop{} })
	w.net.running(i1)
	tg := *w.tcpGroup("api", 443).TargetGroupArn
	l := *w.forward(*w.nlb("api").LoadBalancerArn, tg, 443).ListenerArn
	w.register(tg, i1)
	w.round()
	if addr, ok := w.svc.ListenerAddr(account, region, l); ok {
		t.Errorf("listener opened at %v with compute.Nop", addr)
	}
	w.step(20 * time.Second)
	w.wantHealth(tg, i1+":443 healthy")
}

func TestHTTPHealthChecks(t *testing.T) {
	w := start(t, func(c *elbv2.Config) { c.ProvisioningDelay, c.ProbeTimeout = 0, 200*time.Millisecond })
	var code atomic.Int32
	code.Store(200)
	var paths sync.Map
	hs := httptest.NewServer(http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		paths.Store(r.URL.Path, true)
		rw.WriteHeader(int(code.Load()))
	}))
	defer hs.Close()
	w.net.running(i1)
	w.serving(i1, 8080, netip.MustParseAddrPort(hs.Listener.Addr().String()))
	tg := call(w.elb.CreateTargetGroup(ctx, &elb.CreateTargetGroupInput{
		Name: aws.String("api"), Protocol: "TCP", Port: aws.Int32(8080), VpcId: aws.String("vpc-1"),
		HealthCheckProtocol: "HTTP", HealthCheckPath: aws.String("/healthz"),
		HealthCheckIntervalSeconds: aws.Int32(10), HealthyThresholdCount: aws.Int32(2), UnhealthyThresholdCount: aws.Int32(2),
	})).must(t).TargetGroups[0]
	arn := *tg.TargetGroupArn
	w.forward(*w.nlb("api").LoadBalancerArn, arn, 80)
	w.register(arn, i1)
	rounds := func(n int) {
		for range n {
			w.round()
			w.step(10 * time.Second)
		}
	}
	rounds(2)
	w.wantHealth(arn, i1+":8080 healthy")
	if _, ok := paths.Load("/healthz"); !ok {
		t.Error("the health check did not GET /healthz")
	}
	code.Store(503)
	rounds(2)
	w.wantHealth(arn, i1+":8080 unhealthy Target.ResponseCodeMismatch: Health checks failed with these codes: [503]")

	// A server that accepts and never answers times out.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	w.serving(i1, 8080, ln.Addr().(*net.TCPAddr).AddrPort())
	rounds(1)
	w.wantHealth(arn, i1+":8080 unhealthy Target.Timeout: Request timed out")
}

func TestStartAndCloseLeaveNoGoroutines(t *testing.T) {
	before := runtime.NumGoroutine()
	t.Run("traffic", func(t *testing.T) {
		w := start(t, func(c *elbv2.Config) { c.ProvisioningDelay, c.Speed = 0, 0 })
		runCtx, cancel := context.WithCancel(context.Background())
		if err := w.svc.Start(runCtx); err != nil {
			t.Fatal(err)
		}
		w.net.running(i1)
		e := startEcho(t, "e")
		w.serving(i1, 443, e.addr())
		tg := *w.tcpGroup("api", 443).TargetGroupArn
		l := *w.forward(*w.nlb("api").LoadBalancerArn, tg, 443).ListenerArn
		w.register(tg, i1)
		w.round() // at speed 0 one round is past both thresholds' first check
		w.round()
		addr, ok := w.svc.ListenerAddr(account, region, l)
		if !ok {
			t.Fatal("no listener address")
		}
		if got := greet(t, addr); got != "e" {
			t.Errorf("answer %q", got)
		}
		// An open connection, left for the shutdown to close.
		c, err := net.Dial("tcp", addr.String())
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		if _, err := bufio.NewReader(c).ReadString('\n'); err != nil {
			t.Fatal(err)
		}
		cancel() // the end of Start's context closes the listeners
		eventually(t, func() bool {
			c, err := net.Dial("tcp", addr.String())
			if err == nil {
				c.Close()
			}
			return err != nil
		})
		if _, ok := w.svc.ListenerAddr(account, region, l); ok {
			t.Error("a listener opened after Start's context ended")
		}
	})
	eventually(t, func() bool { return runtime.NumGoroutine() <= before })
}

// eventually waits, a few seconds at most, for cond: for effects of
// goroutines that end asynchronously, never for the clock.
func eventually(t testing.TB, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			buf := make([]byte, 1<<16)
			n := runtime.Stack(buf, true)
			t.Fatalf("condition not met in time; goroutines:\n%s", buf[:n])
		}
		runtime.Gosched()
		time.Sleep(10 * time.Millisecond)
	}
}
