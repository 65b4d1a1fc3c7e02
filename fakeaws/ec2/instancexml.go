package ec2

import (
	"github.com/drydock-sandbox/drydock/fakeaws/internal/store"
)

type instanceXML struct {
	ID              string                   `xml:"instanceId"`
	ImageID         string                   `xml:"imageId"`
	State           stateXML                 `xml:"instanceState"`
	PrivateDNS      string                   `xml:"privateDnsName"`
	PublicDNS       string                   `xml:"dnsName"`
	Reason          string                   `xml:"reason"`
	KeyName         string                   `xml:"keyName,omitempty"`
	LaunchIndex     int                      `xml:"amiLaunchIndex"`
	ProductCodes    items[struct{}]          `xml:"productCodes"`
	InstanceType    string                   `xml:"instanceType"`
	LaunchTime      string                   `xml:"launchTime"`
	Placement       instancePlacementXML     `xml:"placement"`
	Monitoring      monitoringXML            `xml:"monitoring"`
	SubnetID        string                   `xml:"subnetId,omitempty"`
	VpcID           string                   `xml:"vpcId,omitempty"`
	PrivateIP       string                   `xml:"privateIpAddress,omitempty"`
	PublicIP        string                   `xml:"ipAddress,omitempty"`
	SourceDestCheck *bool                    `xml:"sourceDestCheck,omitempty"`
	Groups          items[groupIdentifier]   `xml:"groupSet"`
	StateReason     *stateReasonXML          `xml:"stateReason,omitempty"`
	Architecture    string                   `xml:"architecture"`
	RootDeviceType  string                   `xml:"rootDeviceType"`
	RootDeviceName  string                   `xml:"rootDeviceName"`
	BlockDevices    items[instanceDeviceXML] `xml:"blockDeviceMapping"`
	Lifecycle       string                   `xml:"instanceLifecycle,omitempty"`
	Virtualization  string                   `xml:"virtualizationType"`
	ClientToken     string                   `xml:"clientToken"`
	Tags            tagsXML                  `xml:"tagSet"`
	Hypervisor      string                   `xml:"hypervisor"`
	ENIs            items[instanceENIXML]    `xml:"networkInterfaceSet"`
	IamProfile      *iamProfileXML           `xml:"iamInstanceProfile,omitempty"`
	EbsOptimized    bool                     `xml:"ebsOptimized"`
	EnaSupport      bool                     `xml:"enaSupport"`
	CPUOptions      cpuOptionsXML            `xml:"cpuOptions"`
	Hibernation     hibernationXML           `xml:"hibernationOptions"`
	Metadata        metadataXML              `xml:"metadataOptions"`
	BootMode        string                   `xml:"bootMode,omitempty"`
	PlatformDetails string                   `xml:"platformDetails"`
	UsageOperation  string                   `xml:"usageOperation"`
	CurrentBootMode string                   `xml:"currentInstanceBootMode,omitempty"`
}

type hibernationXML struct {
	Configured bool `xml:"configured"`
}

type instancePlacementXML struct {
	AZ        string `xml:"availabilityZone"`
	AZID      string `xml:"availabilityZoneId"`
	GroupName string `xml:"groupName"`
	Tenancy   string `xml:"tenancy"`
}

type monitoringXML struct {
	State string `xml:"state"`
}

type stateReasonXML struct {
	Code    string `xml:"code"`
	Message string `xml:"message"`
}

type instanceDeviceXML struct {
	DeviceName string         `xml:"deviceName"`
	EBS        instanceEBSXML `xml:"ebs"`
}

type instanceEBSXML struct {
	VolumeID            string `xml:"volumeId"`
	Status              string `xml:"status"`
	AttachTime          string `xml:"attachTime"`
	DeleteOnTermination bool   `xml:"deleteOnTermination"`
}

type instanceENIXML struct {
	ID              string                 `xml:"networkInterfaceId"`
	SubnetID        string                 `xml:"subnetId"`
	VpcID           string                 `xml:"vpcId"`
	Description     string                 `xml:"description"`
	OwnerID         string                 `xml:"ownerId"`
	Status          string                 `xml:"status"`
	MacAddress      string                 `xml:"macAddress"`
	PrivateIP       string                 `xml:"privateIpAddress"`
	PrivateDNS      string                 `xml:"privateDnsName"`
	SourceDestCheck bool                   `xml:"sourceDestCheck"`
	Groups          items[groupIdentifier] `xml:"groupSet"`
	Attachment      *eniAttachmentXML      `xml:"attachment,omitempty"`
	Association     *eniAssociationXML     `xml:"association,omitempty"`
	PrivateIPs      items[eniPrivateIPXML] `xml:"privateIpAddressesSet"`
	InterfaceType   string                 `xml:"interfaceType"`
}

type iamProfileXML struct {
	Arn string `xml:"arn"`
	ID  string `xml:"id"`
}

type cpuOptionsXML struct {
	CoreCount      int `xml:"coreCount"`
	ThreadsPerCore int `xml:"threadsPerCore"`
}

type metadataXML struct {
	State        string `xml:"state"`
	HTTPTokens   string `xml:"httpTokens"`
	HopLimit     int    `xml:"httpPutResponseHopLimit"`
	HTTPEndpoint string `xml:"httpEndpoint"`
	HTTPv6       string `xml:"httpProtocolIpv6"`
	Tags         string `xml:"instanceMetadataTags"`
}

// instanceXML describes an instance with its interfaces and volumes.
func (s *Service) instanceXML(tx *store.Tx, sc scope, x *instance) (instanceXML, error) {
	groups, err := groupIdentifiers(tx, sc, x.Groups)
	if err != nil {
		return instanceXML{}, err
	}
	out := instanceXML{
		ID: x.ID, ImageID: x.ImageID, State: stateOf(x.State), PrivateDNS: privateDNSName(sc.region, x.PrivateIP),
		PublicDNS: publicDNSName(sc.region, x.PublicIP), Reason: x.Reason, KeyName: x.KeyName, LaunchIndex: x.LaunchIndex,
		InstanceType: x.InstanceType, LaunchTime: timestamp(x.LaunchTime),
		Placement:  instancePlacementXML{AZ: x.AZ, AZID: x.AZID, Tenancy: x.Tenancy},
		Monitoring: monitoringXML{"disabled"}, SubnetID: x.SubnetID, VpcID: x.VpcID, PrivateIP: x.PrivateIP,
		PublicIP: x.PublicIP, Groups: itemsOf(groups), Architecture: x.Architecture, RootDeviceType: "ebs",
		RootDeviceName: x.RootDevice, Virtualization: "hvm", ClientToken: x.ClientToken, Tags: tagSet(x.Tags),
		Hypervisor: "xen", EbsOptimized: x.EbsOptimized, EnaSupport: true, PlatformDetails: x.PlatformDetails,
		UsageOperation: "RunInstances", BootMode: x.BootMode, CurrentBootMode: x.BootMode,
		Metadata: metadataXML{"applied", x.Metadata.HTTPTokens, x.Metadata.HopLimit, x.Metadata.HTTPEndpoint, "disabled", x.Metadata.Tags},
	}
	if x.State == statePending {
		out.Metadata.State = "pending"
	}
	if x.Monitoring {
		out.Monitoring.State = "enabled"
	}
	if x.Spot {
		out.Lifecycle = "spot"
	}
	if x.StateReason != "" {
		out.StateReason = &stateReasonXML{x.StateReason, x.StateReason + ": User initiated shutdown"}
	}
	if x.IamArn != "" {
		out.IamProfile = &iamProfileXML{x.IamArn, x.IamID}
	}
	if it, ok := instanceTypeInfo(x.InstanceType); ok {
		out.CPUOptions = cpuOptionsXML{CoreCount: max(it.VCPUInfo.DefaultCores, 1), ThreadsPerCore: max(it.VCPUInfo.DefaultThreadsPerCore, 1)}
	}
	for _, d := range x.Devices {
		v, ok, err := volumes.find(tx, sc, d.VolumeID)
		if err != nil {
			return out, err
		}
		if !ok || v.Attachment == nil {
			continue
		}
		out.BlockDevices.Item = append(out.BlockDevices.Item, instanceDeviceXML{d.Device, instanceEBSXML{
			v.ID, v.Attachment.State, timestamp(v.Attachment.AttachTime), v.Attachment.DeleteOnTermination,
		}})
	}
	for _, eid := range x.ENIs {
		e, ok, err := enis.find(tx, sc, eid)
		if err != nil {
			return out, err
		}
		if !ok {
			continue
		}
		ex, err := s.eniXML(tx, sc, e)
		if err != nil {
			return out, err
		}
		if e.Attachment != nil && e.Attachment.DeviceIndex == 0 {
			sdc := e.SourceDestCheck
			out.SourceDestCheck = &sdc
		}
		out.ENIs.Item = append(out.ENIs.Item, instanceENIXML{
			ID: ex.ID, SubnetID: ex.SubnetID, VpcID: ex.VpcID, Description: ex.Description, OwnerID: ex.OwnerID,
			Status: ex.Status, MacAddress: ex.MacAddress, PrivateIP: ex.PrivateIP, PrivateDNS: ex.PrivateDNS,
			SourceDestCheck: ex.SourceDestCheck, Groups: ex.Groups, Attachment: ex.Attachment,
			Association: ex.Association, PrivateIPs: ex.PrivateIPs, InterfaceType: ex.InterfaceType,
		})
	}
	return out, nil
}

type reservationXML struct {
	ID        string             `xml:"reservationId"`
	OwnerID   string             `xml:"ownerId"`
	Groups    items[struct{}]    `xml:"groupSet"`
	Instances items[instanceXML] `xml:"instancesSet"`
}

// reservations groups described instances by reservation, in the order
// of their first instance.
func reservations(xs []*instance, descs []instanceXML) []reservationXML {
	var out []reservationXML
	index := map[string]int{}
	for i, x := range xs {
		j, ok := index[x.ReservationID]
		if !ok {
			j = len(out)
			index[x.ReservationID] = j
			out = append(out, reservationXML{ID: x.ReservationID, OwnerID: x.OwnerID})
		}
		out[j].Instances.Item = append(out[j].Instances.Item, descs[i])
	}
	return out
}
