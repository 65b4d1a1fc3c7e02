package ec2_test

import (
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
)

func (h *harness) volume(t *testing.T, id string) types.Volume {
	t.Helper()
	out := must[*ec2.DescribeVolumesOutput](t)(h.ec2.DescribeVolumes(ctx, &ec2.DescribeVolumesInput{VolumeIds: []string{id}}))
	return out.Volumes[0]
}

func TestVolumeLifecycle(t *testing.T) {
	h := start(t, computeCfg)
	n := h.network(t)
	inst := aws.ToString(h.run(t, n.subnet, h.ami(t), 1)[0].InstanceId)
	v := must[*ec2.CreateVolumeOutput](t)(h.ec2.CreateVolume(ctx, &ec2.CreateVolumeInput{
		AvailabilityZone: aws.String("us-east-1a"), Size: aws.Int32(20), VolumeType: types.VolumeTypeGp3,
		TagSpecifications: tagSpec(types.ResourceTypeVolume, "Name", "data"),
	}))
	id := aws.ToString(v.VolumeId)
	if v.State != types.VolumeStateCreating || aws.ToInt32(v.Iops) != 3000 || aws.ToInt32(v.Throughput) != 125 || tagMap(v.Tags)["Name"] != "data" {
		t.Fatalf("created %+v", v)
	}
	_, err := h.ec2.AttachVolume(ctx, &ec2.AttachVolumeInput{VolumeId: aws.String(id), InstanceId: aws.String(inst), Device: aws.String("/dev/sdf")})
	wantErr(t, err, "IncorrectState", id)
	h.clk.Step(5 * time.Second)
	if got := h.volume(t, id).State; got != types.VolumeStateAvailable {
		t.Fatalf("state %s after the delay", got)
	}
	att := must[*ec2.AttachVolumeOutput](t)(h.ec2.AttachVolume(ctx, &ec2.AttachVolumeInput{VolumeId: aws.String(id), InstanceId: aws.String(inst), Device: aws.String("/dev/sdf")}))
	if att.State != types.VolumeAttachmentStateAttaching || aws.ToString(att.InstanceId) != inst {
		t.Fatalf("attach %+v", att)
	}
	_, err = h.ec2.DeleteVolume(ctx, &ec2.DeleteVolumeInput{VolumeId: aws.String(id)})
	wantErr(t, err, "VolumeInUse", id)
	_, err = h.ec2.AttachVolume(ctx, &ec2.AttachVolumeInput{VolumeId: aws.String(id), InstanceId: aws.String(inst), Device: aws.String("/dev/sdg")})
	wantErr(t, err, "VolumeInUse", id)
	h.clk.Step(5 * time.Second)
	got := must[*ec2.DescribeVolumesOutput](t)(h.ec2.DescribeVolumes(ctx, &ec2.DescribeVolumesInput{
		Filters: []types.Filter{filter("attachment.instance-id", inst), filter("attachment.status", "attached"), filter("tag:Name", "data")},
	})).Volumes
	if len(got) != 1 || got[0].State != types.VolumeStateInUse || aws.ToString(got[0].Attachments[0].Device) != "/dev/sdf" {
		t.Fatalf("attached %+v", got)
	}
	if x := h.instance(t, inst); len(x.BlockDeviceMappings) != 2 {
		t.Fatalf("instance devices %d, want 2", len(x.BlockDeviceMappings))
	}
	mod := must[*ec2.ModifyVolumeOutput](t)(h.ec2.ModifyVolume(ctx, &ec2.ModifyVolumeInput{VolumeId: aws.String(id), Size: aws.Int32(40), Iops: aws.Int32(4000)}))
	if mod.VolumeModification.ModificationState != types.VolumeModificationStateModifying || aws.ToInt32(mod.VolumeModification.TargetSize) != 40 ||
		aws.ToInt32(mod.VolumeModification.OriginalSize) != 20 {
		t.Fatalf("modification %+v", mod.VolumeModification)
	}
	_, err = h.ec2.ModifyVolume(ctx, &ec2.ModifyVolumeInput{VolumeId: aws.String(id), Size: aws.Int32(50)})
	wantErr(t, err, "IncorrectModificationState", id)
	h.clk.Step(5 * time.Second)
	mods := must[*ec2.DescribeVolumesModificationsOutput](t)(h.ec2.DescribeVolumesModifications(ctx, &ec2.DescribeVolumesModificationsInput{VolumeIds: []string{id}}))
	if len(mods.VolumesModifications) != 1 || mods.VolumesModifications[0].ModificationState != types.VolumeModificationStateCompleted {
		t.Fatalf("modifications %+v", mods.VolumesModifications)
	}
	if vol := h.volume(t, id); aws.ToInt32(vol.Size) != 40 || aws.ToInt32(vol.Iops) != 4000 {
		t.Fatalf("modified volume %+v", vol)
	}
	det := must[*ec2.DetachVolumeOutput](t)(h.ec2.DetachVolume(ctx, &ec2.DetachVolumeInput{VolumeId: aws.String(id)}))
	if det.State != types.VolumeAttachmentStateDetaching {
		t.Fatalf("detach %+v", det)
	}
	h.clk.Step(5 * time.Second)
	if got := h.volume(t, id); got.State != types.VolumeStateAvailable || len(got.Attachments) != 0 {
		t.Fatalf("detached %+v", got)
	}
	_, err = h.ec2.DetachVolume(ctx, &ec2.DetachVolumeInput{VolumeId: aws.String(id)})
	wantErr(t, err, "IncorrectState", id)
	must[*ec2.DeleteVolumeOutput](t)(h.ec2.DeleteVolume(ctx, &ec2.DeleteVolumeInput{VolumeId: aws.String(id)}))
	_, err = h.ec2.DescribeVolumes(ctx, &ec2.DescribeVolumesInput{VolumeIds: []string{id}})
	wantErr(t, err, "InvalidVolume.NotFound", id)
}

func TestVolumeErrors(t *testing.T) {
	h := start(t, computeCfg)
	n := h.network(t)
	inst := aws.ToString(h.run(t, n.subnet, h.ami(t), 1)[0].InstanceId)
	cases := []struct {
		name, code string
		in         *ec2.CreateVolumeInput
	}{
		{"no zone", "MissingParameter", &ec2.CreateVolumeInput{Size: aws.Int32(1)}},
		{"no size", "MissingParameter", &ec2.CreateVolumeInput{AvailabilityZone: aws.String("us-east-1a")}},
		{"bad zone", "InvalidParameterValue", &ec2.CreateVolumeInput{AvailabilityZone: aws.String("us-east-1z"), Size: aws.Int32(1)}},
		{"too big", "InvalidParameterValue", &ec2.CreateVolumeInput{AvailabilityZone: aws.String("us-east-1a"), Size: aws.Int32(20000)}},
		{"st1 too small", "InvalidParameterValue", &ec2.CreateVolumeInput{AvailabilityZone: aws.String("us-east-1a"), Size: aws.Int32(10), VolumeType: types.VolumeTypeSt1}},
		{"gp2 iops", "InvalidParameterCombination", &ec2.CreateVolumeInput{AvailabilityZone: aws.String("us-east-1a"), Size: aws.Int32(10), Iops: aws.Int32(300)}},
		{"io1 without iops", "MissingParameter", &ec2.CreateVolumeInput{AvailabilityZone: aws.String("us-east-1a"), Size: aws.Int32(10), VolumeType: types.VolumeTypeIo1}},
		{"io1 ratio", "InvalidParameterValue", &ec2.CreateVolumeInput{AvailabilityZone: aws.String("us-east-1a"), Size: aws.Int32(10), VolumeType: types.VolumeTypeIo1, Iops: aws.Int32(1000)}},
		{"gp2 throughput", "InvalidParameterCombination", &ec2.CreateVolumeInput{AvailabilityZone: aws.String("us-east-1a"), Size: aws.Int32(10), Throughput: aws.Int32(200)}},
		{"bad type", "InvalidParameterValue", &ec2.CreateVolumeInput{AvailabilityZone: aws.String("us-east-1a"), Size: aws.Int32(10), VolumeType: "gp9"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := h.ec2.CreateVolume(ctx, c.in)
			wantErr(t, err, c.code, "")
		})
	}
	other := must[*ec2.CreateVolumeOutput](t)(h.ec2.CreateVolume(ctx, &ec2.CreateVolumeInput{AvailabilityZone: aws.String("us-east-1b"), Size: aws.Int32(8)}))
	h.clk.Step(time.Minute)
	_, err := h.ec2.AttachVolume(ctx, &ec2.AttachVolumeInput{VolumeId: other.VolumeId, InstanceId: aws.String(inst), Device: aws.String("/dev/sdf")})
	wantErr(t, err, "InvalidVolume.ZoneMismatch", aws.ToString(other.VolumeId))
	_, err = h.ec2.AttachVolume(ctx, &ec2.AttachVolumeInput{VolumeId: other.VolumeId, InstanceId: aws.String(inst), Device: aws.String("/dev/xvda")})
	wantErr(t, err, "InvalidVolume.ZoneMismatch", "")
	_, err = h.ec2.DescribeVolumes(ctx, &ec2.DescribeVolumesInput{VolumeIds: []string{"vol-x"}})
	wantErr(t, err, "InvalidVolumeID.Malformed", "vol-x")
	_, err = h.ec2.ModifyVolume(ctx, &ec2.ModifyVolumeInput{VolumeId: other.VolumeId, Size: aws.Int32(4)})
	wantErr(t, err, "InvalidParameterValue", "smaller")
	p := ec2.NewDescribeVolumesPaginator(h.ec2, &ec2.DescribeVolumesInput{MaxResults: aws.Int32(5)})
	total := 0
	for p.HasMorePages() {
		total += len(must[*ec2.DescribeVolumesOutput](t)(p.NextPage(ctx)).Volumes)
	}
	if total != 2 {
		t.Fatalf("%d volumes, want 2", total)
	}
}
