package ec2_test

import (
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/drydock-sandbox/drydock/fakeaws"
)

// TestRestartKeepsInstances restarts fakeaws on the same state: instances
// (with their addresses and pending transitions), templates and volumes
// come back with the same IDs.
func TestRestartKeepsInstances(t *testing.T) {
	dir := t.TempDir()
	h := start(t, computeCfg, fakeaws.WithDataDir(dir))
	n := h.network(t)
	ami := h.ami(t)
	lt := must[*ec2.CreateLaunchTemplateOutput](t)(h.ec2.CreateLaunchTemplate(ctx, &ec2.CreateLaunchTemplateInput{
		LaunchTemplateName: aws.String("nodes"), LaunchTemplateData: &types.RequestLaunchTemplateData{ImageId: aws.String(ami), InstanceType: types.InstanceTypeT3Small},
	})).LaunchTemplate
	x := must[*ec2.RunInstancesOutput](t)(h.ec2.RunInstances(ctx, &ec2.RunInstancesInput{
		MinCount: aws.Int32(2), MaxCount: aws.Int32(2), SubnetId: aws.String(n.subnet),
		LaunchTemplate: &types.LaunchTemplateSpecification{LaunchTemplateId: lt.LaunchTemplateId},
	})).Instances
	vol := must[*ec2.CreateVolumeOutput](t)(h.ec2.CreateVolume(ctx, &ec2.CreateVolumeInput{AvailabilityZone: aws.String("us-east-1a"), Size: aws.Int32(8)}))
	h.srv.HTTP.Close()
	if err := h.srv.Close(); err != nil {
		t.Fatal(err)
	}

	h2 := start(t, computeCfg, fakeaws.WithDataDir(dir), fakeaws.WithSeed(2))
	h2.clk.SetTime(h.clk.Now())
	for _, want := range x {
		got := h2.instance(t, aws.ToString(want.InstanceId))
		if got.State.Name != types.InstanceStateNamePending || aws.ToString(got.PrivateIpAddress) != aws.ToString(want.PrivateIpAddress) ||
			got.InstanceType != types.InstanceTypeT3Small {
			t.Fatalf("after restart %+v", got)
		}
	}
	h2.clk.Step(time.Minute)
	if got := h2.state(t, aws.ToString(x[0].InstanceId)); got != types.InstanceStateNameRunning {
		t.Fatalf("after restart and a minute: %s", got)
	}
	if v := h2.volume(t, aws.ToString(vol.VolumeId)); v.State != types.VolumeStateAvailable {
		t.Fatalf("volume after restart %+v", v)
	}
	must[*ec2.DescribeLaunchTemplatesOutput](t)(h2.ec2.DescribeLaunchTemplates(ctx, &ec2.DescribeLaunchTemplatesInput{LaunchTemplateIds: []string{aws.ToString(lt.LaunchTemplateId)}}))
	// A new instance takes the next free address, not one of the others'.
	again := h2.run(t, n.subnet, ami, 1)
	if ip := aws.ToString(again[0].PrivateIpAddress); ip != "10.0.1.6" {
		t.Fatalf("new instance at %s, want 10.0.1.6", ip)
	}
}
