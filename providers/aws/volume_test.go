package aws

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"

	"github.com/drydock-sandbox/drydock/providers"
)

func TestEBSVolume(t *testing.T) {
	_, c := startFake(t)
	ctx := context.Background()
	name := "a.etcd-main." + tkCluster
	etcdTags := tkTags(name, TagEtcdPrefix+"main", "a/a,b,c")
	vol := &ebsVolumeTask{Name: name, Cluster: tkCluster, Zone: "us-east-1a", SizeGiB: 20, VolumeType: "gp3", Encrypted: true, Tags: etcdTags}
	// Another cluster's volume of the same name is not this one.
	otherTags := tkTags(name)
	otherTags[TagCluster] = "other.example.com"
	if _, err := c.EC2.CreateVolume(ctx, &ec2.CreateVolumeInput{
		AvailabilityZone: aws.String("us-east-1a"), Size: aws.Int32(1), VolumeType: ec2types.VolumeTypeGp2,
		TagSpecifications: tagSpec(ec2types.ResourceTypeVolume, otherTags),
	}); err != nil {
		t.Fatal(err)
	}

	creates := tkCreates(t, c, []task{vol}, "EBSVolume/"+name)
	want := []providers.Field{
		{Name: "AvailabilityZone", New: "us-east-1a"}, {Name: "Encrypted", New: "true"}, {Name: "SizeGiB", New: "20"},
		{Name: "Tags", New: render(etcdTags)}, {Name: "VolumeType", New: "gp3"},
	}
	if got := creates["EBSVolume/"+name].Fields; render(tkFieldMap(got)) != render(tkFieldMap(want)) {
		t.Errorf("planned fields %v, want %v", got, want)
	}
	applyTasks(t, c, vol)
	v := tkDescribeVolume(t, c, vol.id)
	if aws.ToString(v.AvailabilityZone) != "us-east-1a" || aws.ToInt32(v.Size) != 20 || v.VolumeType != ec2types.VolumeTypeGp3 ||
		!aws.ToBool(v.Encrypted) || tagMap(v.Tags)[TagEtcdPrefix+"main"] != "a/a,b,c" {
		t.Errorf("volume %+v", v)
	}
	tkNoChanges(t, c, vol)

	for _, tc := range []struct {
		change func()
		want   providers.Field
	}{
		{func() { vol.SizeGiB = 30 }, providers.Field{Name: "SizeGiB", Old: "20", New: "30"}},
		{func() { vol.VolumeType = "gp2" }, providers.Field{Name: "VolumeType", Old: "gp3", New: "gp2"}},
		{func() { vol.Tags = tkTags(name, TagEtcdPrefix+"main", "a/a,b") }, providers.Field{Name: "Tags", Old: render(etcdTags), New: render(tkTags(name, TagEtcdPrefix+"main", "a/a,b"))}},
	} {
		t.Run(tc.want.Name, func(t *testing.T) {
			tc.change()
			tkWantChange(t, c, []task{vol}, "EBSVolume", name, tc.want)
		})
	}
	v = tkDescribeVolume(t, c, vol.id)
	if aws.ToInt32(v.Size) != 30 || v.VolumeType != ec2types.VolumeTypeGp2 {
		t.Errorf("volume after the changes: %d GiB %s", aws.ToInt32(v.Size), v.VolumeType)
	}

	// Size and type change in one ModifyVolume.
	vol.SizeGiB, vol.VolumeType = 40, "gp3"
	applyTasks(t, c, vol)
	tkNoChanges(t, c, vol)

	for _, tc := range []struct {
		name   string
		change func(v *ebsVolumeTask)
		words  []string
	}{
		{"shrink", func(v *ebsVolumeTask) { v.SizeGiB = 10 }, []string{"EBSVolume/" + name, "SizeGiB 40 -> 10", "cannot shrink"}},
		{"zone", func(v *ebsVolumeTask) { v.Zone = "us-east-1b" }, []string{"EBSVolume/" + name, "AvailabilityZone", "us-east-1a", "us-east-1b"}},
		{"encryption", func(v *ebsVolumeTask) { v.Encrypted = false }, []string{"EBSVolume/" + name, "Encrypted", "cannot change"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			changed := *vol
			tc.change(&changed)
			tkPlanError(t, c, []task{&changed}, tc.words...)
		})
	}
}

func tkDescribeVolume(t *testing.T, c *Clients, id string) ec2types.Volume {
	t.Helper()
	out, err := c.EC2.DescribeVolumes(context.Background(), &ec2.DescribeVolumesInput{VolumeIds: []string{id}})
	if err != nil || len(out.Volumes) != 1 {
		t.Fatalf("describe volume %s: %v", id, err)
	}
	return out.Volumes[0]
}

// tkFieldMap shows fields as name=value pairs.
func tkFieldMap(fs []providers.Field) map[string]string {
	m := map[string]string{}
	for _, f := range fs {
		m[f.Name] = f.Old + "|" + f.New
	}
	return m
}
