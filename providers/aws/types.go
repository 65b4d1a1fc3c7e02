package aws

// The tasks' types, one per resource kind. Each has its expected values
// (exported fields), references to the tasks it depends on, and the AWS ID
// that find or create records (id). Their methods are in one file per kind.

// dhcpOptionsTask is the cluster's DHCP options set.
type dhcpOptionsTask struct {
	Name, Cluster     string
	DomainName        string
	DomainNameServers []string
	Tags              map[string]string
	id                string
}

// vpcDHCPAssociationTask associates the DHCP options with the VPC.
type vpcDHCPAssociationTask struct {
	Name string
	VPC  *vpcTask
	DHCP *dhcpOptionsTask
}

// internetGatewayTask is the VPC's internet gateway, attached to it.
type internetGatewayTask struct {
	Name, Cluster string
	VPC           *vpcTask
	Tags          map[string]string
	Shared        bool // in a shared VPC: found, never created
	id            string
}

// subnetTask is one subnet of spec.subnets.
type subnetTask struct {
	Name, Cluster string
	VPC           *vpcTask
	Zone          string
	CIDR          string
	Tags          map[string]string
	SharedID      string // spec.subnets[].id: found, never created or changed
	id            string
}

// elasticIPTask is the address of a NAT gateway.
type elasticIPTask struct {
	Name, Cluster string
	Tags          map[string]string
	id            string // the allocation ID
}

// natGatewayTask is a zone's NAT gateway in its utility subnet.
type natGatewayTask struct {
	Name, Cluster string
	Subnet        *subnetTask
	EIP           *elasticIPTask
	// IGW must be attached first: AWS fails a NAT gateway in a VPC
	// without one.
	IGW      *internetGatewayTask
	Tags     map[string]string
	SharedID string // spec.subnets[].egress: nat-…, found, never created
	id       string
}

// routeTableTask is the public route table or a zone's private one.
type routeTableTask struct {
	Name, Cluster string
	VPC           *vpcTask
	Tags          map[string]string
	id            string
}

// routeTask is a route of a route table, to the internet gateway or a NAT
// gateway.
type routeTask struct {
	Name  string
	Table *routeTableTask
	CIDR  string
	IGW   *internetGatewayTask
	NAT   *natGatewayTask
}

// routeTableAssociationTask associates a subnet with a route table.
type routeTableAssociationTask struct {
	Name   string
	Table  *routeTableTask
	Subnet *subnetTask
}

// securityGroupTask is one of the cluster's security groups.
type securityGroupTask struct {
	Name, Cluster string
	VPC           *vpcTask
	Description   string
	Tags          map[string]string
	id            string
}

// securityGroupRuleTask is one ingress or egress rule of a security group,
// from a CIDR or another group.
type securityGroupRuleTask struct {
	Name     string
	Group    *securityGroupTask
	Egress   bool
	Protocol string // "tcp", "udp", "icmp", "-1" (all), or a number
	FromPort int32
	ToPort   int32
	CIDR     string // IPv4 or IPv6 (contains ':')
	Source   *securityGroupTask
	Tags     map[string]string
	id       string
}

// iamRoleTask is an instance role: masters.NAME, nodes.NAME or bastions.NAME.
type iamRoleTask struct {
	Name, Cluster    string
	AssumeRolePolicy string // JSON
	Tags             map[string]string
	arn              string
}

// iamRolePolicyTask is a role's inline policy, named as the role.
type iamRolePolicyTask struct {
	Name           string
	Role           *iamRoleTask
	PolicyDocument string // JSON
}

// iamInstanceProfileTask is the instance profile named as its role.
type iamInstanceProfileTask struct {
	Name, Cluster string
	Tags          map[string]string
	arn           string
}

// iamInstanceProfileRoleTask puts the role in its instance profile.
type iamInstanceProfileRoleTask struct {
	Name    string
	Profile *iamInstanceProfileTask
	Role    *iamRoleTask
}

// sshKeyTask is the admin's SSH key imported as an EC2 key pair.
type sshKeyTask struct {
	Name, Cluster string
	PublicKey     []byte // OpenSSH format
	Tags          map[string]string
	id            string
	fingerprint   string // as EC2 shows it, on the task find returns
}

// launchTemplateTask is the launch template of an instance group.
type launchTemplateTask struct {
	Name, Cluster  string
	Image          string // "ami-…" or "OWNER/NAME" (resolved with DescribeImages)
	InstanceType   string
	RootVolumeSize int32
	RootVolumeType string
	// RootVolumeEncrypted encrypts the root volume.
	RootVolumeEncrypted bool
	SecurityGroups      []*securityGroupTask
	InstanceProfile     *iamInstanceProfileTask
	SSHKey              *sshKeyTask // the imported key, or nil
	KeyName             string      // an existing key pair (spec.sshKeyName), when SSHKey is nil
	AssociatePublicIP   bool
	// UserData renders the user data given the API endpoint: APIEndpoint
	// when set, else the DNS name of LB.
	UserData    func(apiEndpoint string) ([]byte, error)
	APIEndpoint string
	LB          *nlbTask
	// Tags are the template's; InstanceTags go on its instances and volumes.
	Tags, InstanceTags map[string]string
	id                 string
	version            int64 // the latest version
	// Set by find on the expected task: the AMI Image resolves to and its
	// root device, and the user data rendered for the API endpoint
	// (userDataPending while the endpoint is unknown because the load
	// balancer does not exist yet).
	imageID, rootDevice string
	userData            []byte
	userDataPending     bool
	// observed marks the task find returns, whose metadata options are
	// httpTokens and hopLimit; the expected task has kOps' IMDSv2 defaults.
	observed   bool
	httpTokens string
	hopLimit   int32
	retry      profileRetry
}

// autoscalingGroupTask is the ASG of an instance group (one per
// control-plane zone).
type autoscalingGroupTask struct {
	Name, Cluster    string
	Template         *launchTemplateTask
	MinSize, MaxSize int32
	Subnets          []*subnetTask
	TargetGroups     []*targetGroupTask
	// Tags are propagated to instances at launch.
	Tags map[string]string
	// On the task find returns: the desired capacity and the launch
	// template version the group launches ("" on the expected task: $Latest).
	desired         int32
	templateVersion string
	retry           profileRetry
}

// ebsVolumeTask is an etcd member's volume.
type ebsVolumeTask struct {
	Name, Cluster string
	Zone          string
	SizeGiB       int32
	VolumeType    string
	Encrypted     bool
	Tags          map[string]string
	id            string
}

// nlbTask is a Network Load Balancer: the API's.
type nlbTask struct {
	Name, Cluster  string
	AWSName        string // LoadBalancerName("api", cluster)
	Internal       bool
	Subnets        []*subnetTask
	SecurityGroups []*securityGroupTask
	Tags           map[string]string
	arn, dnsName   string
	hostedZoneID   string // for Route53 aliases
	// On the task find returns: the type ("" on the expected task:
	// network) and whether cross-zone load balancing is off.
	lbType       string
	crossZoneOff bool
}

// targetGroupTask is a target group of the API load balancer.
type targetGroupTask struct {
	Name, Cluster string
	AWSName       string // TargetGroupName("tcp", cluster)
	VPC           *vpcTask
	Port          int32
	Protocol      string // "TCP"
	Tags          map[string]string
	arn           string
	// healthCheck is the health check find saw; nil on the expected
	// task: apiHealthCheck.
	healthCheck *tgHealth
}

// listenerTask is a listener of a load balancer forwarding to a target group.
type listenerTask struct {
	Name        string
	LB          *nlbTask
	Port        int32
	Protocol    string // "TCP"
	TargetGroup *targetGroupTask
	arn         string
	// action is the default action find saw, rendered as fields() shows
	// it; "" on the expected task: forward to TargetGroup.
	action string
}

// dnsZoneTask is the Route53 hosted zone of spec.dnsZone: found when
// public (it must exist), found or created (with the VPC) when private.
type dnsZoneTask struct {
	Name, Cluster string // Name is the zone's domain, without the final dot
	Private       bool
	VPC           *vpcTask
	Tags          map[string]string
	id            string // without "/hostedzone/"
	// foreign is set by find on a private zone the cluster did not
	// create (not tagged as the cluster's): its tags are left alone.
	foreign bool
}

// dnsNameTask is a record of the cluster: an A alias to the API load
// balancer.
type dnsNameTask struct {
	Name   string // the record's name, without the final dot
	Zone   *dnsZoneTask
	Type   string // "A"
	Target *nlbTask
	// alias is where the record find saw points, when not at Target as
	// it is now: the alias's DNS name, or the record's values.
	alias string
}
