package elbv2_test

import (
	"testing"
	"time"

	"github.com/drydock-sandbox/drydock/fakeaws/compute"
)

// TestGoAPI: the in-process API AutoScaling uses registers, deregisters
// and reports health exactly as the wire API does.
func TestGoAPI(t *testing.T) {
	w := start(t)
	w.net.running(i1)
	w.net.running(i2)
	tg := *w.tcpGroup("api", 443).TargetGroupArn
	w.forward(*w.nlb("api").LoadBalancerArn, tg, 443)
	w.step(provisioning)

	if ok, err := w.svc.TargetGroupExists(ctx, account, region, tg); err != nil || !ok {
		t.Fatalf("TargetGroupExists = %v, %v", ok, err)
	}
	if ok, err := w.svc.TargetGroupExists(ctx, account, region, tg+"0"); err != nil || ok {
		t.Fatalf("TargetGroupExists(missing) = %v, %v", ok, err)
	}
	if err := w.svc.RegisterInstances(ctx, account, region, tg, []string{i1, i2}); err != nil {
		t.Fatal(err)
	}
	if err := w.svc.RegisterInstances(ctx, account, region, tg, []string{i1}); err != nil {
		t.Fatalf("registering twice: %v", err)
	}
	w.step(20 * time.Second)
	w.wantHealth(tg, i1+":443 healthy", i2+":443 healthy")

	w.rt.set(i2, compute.Status{Known: true, Up: true, Healthy: false})
	w.step(30 * time.Second)
	bad, err := w.svc.UnhealthyInstances(ctx, account, region, tg, []string{i1, i2})
	if err != nil || len(bad) != 1 || bad[0] != i2 {
		t.Fatalf("UnhealthyInstances = %v, %v; want [%s]", bad, err, i2)
	}

	if err := w.svc.DeregisterInstances(ctx, account, region, tg, []string{i2, "i-0000000000000000f"}); err != nil {
		t.Fatalf("DeregisterInstances with an unknown instance: %v", err)
	}
	if err := w.svc.DeregisterInstances(ctx, account, region, tg, []string{i2}); err != nil {
		t.Fatalf("deregistering a draining instance: %v", err)
	}
	got := w.health(tg)
	if len(got) != 2 || got[1] != i2+":443 draining Target.DeregistrationInProgress: Target deregistration is in progress" {
		t.Errorf("health after deregistering %s: %q", i2, got)
	}
}
