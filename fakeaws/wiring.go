package fakeaws

import (
	"context"

	"github.com/drydock-sandbox/drydock/fakeaws/ec2"
	"github.com/drydock-sandbox/drydock/fakeaws/elbv2"
)

// The services that depend on each other declare what they need as small
// interfaces; these adapters give them one another, in process.

// ec2Network is EC2 as ELBv2 sees it.
type ec2Network struct{ ec2 *ec2.Service }

var _ elbv2.Network = ec2Network{}

func (n ec2Network) Subnet(account, region, id string) (elbv2.Subnet, bool, error) {
	infos, err := n.ec2.SubnetInfos(context.Background(), account, region, []string{id})
	if err != nil || len(infos) == 0 {
		return elbv2.Subnet{}, false, err
	}
	return elbv2.Subnet{VpcID: infos[0].VpcID, AvailabilityZone: infos[0].AvailabilityZone}, true, nil
}

func (n ec2Network) SecurityGroupVPCs(account, region string, ids []string) (map[string]string, error) {
	return n.ec2.SecurityGroupVPCs(context.Background(), account, region, ids)
}

func (n ec2Network) Instance(account, region, id string) (elbv2.Instance, bool, error) {
	infos, err := n.ec2.InstanceInfos(context.Background(), account, region, []string{id})
	if err != nil || len(infos) == 0 {
		return elbv2.Instance{}, false, err
	}
	i := infos[0]
	return elbv2.Instance{State: i.State, PrivateIP: i.PrivateIP, VpcID: i.VpcID, AvailabilityZone: i.AvailabilityZone, StateSince: i.StateSince}, true, nil
}
