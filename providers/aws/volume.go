package aws

import (
	"context"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"

	"github.com/drydock-sandbox/drydock/providers"
)

func (t *ebsVolumeTask) kind() string { return "EBSVolume" }
func (t *ebsVolumeTask) name() string { return t.Name }
func (t *ebsVolumeTask) deps() []task { return nil }

func (t *ebsVolumeTask) fields() []field {
	return []field{
		fixed("AvailabilityZone", t.Zone),
		fixed("Encrypted", t.Encrypted),
		fieldOf("SizeGiB", t.SizeGiB),
		fieldOf("Tags", t.Tags),
		fieldOf("VolumeType", t.VolumeType),
	}
}

// find looks the volume up by its Name and cluster tags, leaving out
// volumes being deleted. A volume larger than expected is an error: EBS
// volumes grow but never shrink.
func (t *ebsVolumeTask) find(ctx context.Context, c *Clients) (task, error) {
	out, err := c.EC2.DescribeVolumes(ctx, &ec2.DescribeVolumesInput{
		Filters: append(byName(t.Name, t.Cluster), filter("status", "creating", "available", "in-use", "error")),
	})
	if err != nil {
		return nil, err
	}
	v, err := one(out.Volumes, "volume", t.Name)
	if v == nil || err != nil {
		return nil, err
	}
	t.id = aws.ToString(v.VolumeId)
	actual := &ebsVolumeTask{
		Name: t.Name, Cluster: t.Cluster, Zone: aws.ToString(v.AvailabilityZone), SizeGiB: aws.ToInt32(v.Size),
		VolumeType: string(v.VolumeType), Encrypted: aws.ToBool(v.Encrypted), Tags: only(tagMap(v.Tags), t.Tags), id: t.id,
	}
	if err := t.checkSize(actual.SizeGiB); err != nil {
		return nil, err
	}
	return actual, nil
}

func (t *ebsVolumeTask) checkSize(actual int32) error {
	if t.SizeGiB < actual {
		return fmt.Errorf("SizeGiB %d -> %d: an EBS volume cannot shrink; keep the size at %d GiB or more", actual, t.SizeGiB, actual)
	}
	return nil
}

func (t *ebsVolumeTask) create(ctx context.Context, c *Clients) error {
	out, err := c.EC2.CreateVolume(ctx, &ec2.CreateVolumeInput{
		AvailabilityZone:  aws.String(t.Zone),
		Size:              aws.Int32(t.SizeGiB),
		VolumeType:        ec2types.VolumeType(t.VolumeType),
		Encrypted:         aws.Bool(t.Encrypted),
		TagSpecifications: tagSpec(ec2types.ResourceTypeVolume, t.Tags),
	})
	if err != nil {
		return err
	}
	t.id = aws.ToString(out.VolumeId)
	return nil
}

// update grows the volume and changes its type in one ModifyVolume: EBS
// takes one modification per volume every six hours.
func (t *ebsVolumeTask) update(ctx context.Context, c *Clients, actual task, changes []providers.Field) error {
	in := &ec2.ModifyVolumeInput{VolumeId: aws.String(t.id)}
	modify := false
	for _, ch := range changes {
		switch ch.Name {
		case "SizeGiB":
			if err := t.checkSize(actual.(*ebsVolumeTask).SizeGiB); err != nil {
				return err
			}
			in.Size, modify = aws.Int32(t.SizeGiB), true
		case "VolumeType":
			in.VolumeType, modify = ec2types.VolumeType(t.VolumeType), true
		case "Tags":
			if err := tagEC2(ctx, c, t.id, t.Tags); err != nil {
				return err
			}
		}
	}
	if !modify {
		return nil
	}
	_, err := c.EC2.ModifyVolume(ctx, in)
	return err
}
