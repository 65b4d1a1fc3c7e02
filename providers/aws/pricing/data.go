package pricing

// Prices in USD, on-demand, Linux, recorded 2026-11 from the published AWS
// price pages as known then (no network here to fetch them live; they match
// the long-stable 2024-2025 list prices).
//
// Sources:
//   - EC2:      https://aws.amazon.com/ec2/pricing/on-demand/
//   - EBS:      https://aws.amazon.com/ebs/pricing/
//   - NLB:      https://aws.amazon.com/elasticloadbalancing/pricing/
//   - NAT:      https://aws.amazon.com/vpc/pricing/
//   - IPv4:     https://aws.amazon.com/vpc/pricing/ (public IPv4, since Feb 2024)
//   - Route53:  https://aws.amazon.com/route53/pricing/
//
// These figures are APPROXIMATE and must be checked against the pages above
// before anyone relies on them. Instance prices are stored for us-east-1 only;
// other regions apply a per-region multiplier per family group (burstable,
// general purpose, compute, memory), which is an approximation of the real
// per-type regional prices (typically within a few percent). EBS prices
// likewise use a per-region storage multiplier. io2 is priced for storage
// only (provisioned IOPS are not included).

// AsOf is the date the figures in this file were taken.
const AsOf = "2026-11"

// HoursPerMonth is the number of hours AWS uses for a month.
const HoursPerMonth = 730

// group is a family group sharing one regional multiplier.
type group string

const (
	burstable group = "burstable"
	general   group = "general"
	compute   group = "compute"
	memory    group = "memory"
	storage   group = "storage"
)

// familyGroup maps an instance family to its group.
var familyGroup = map[string]group{
	"t3": burstable, "t3a": burstable, "t4g": burstable,
	"m5": general, "m6i": general, "m6g": general, "m7i": general,
	"c5": compute, "c6i": compute, "c7i": compute,
	"r5": memory, "r6i": memory,
}

// instanceHourly is the us-east-1 on-demand Linux price per hour.
var instanceHourly = map[string]float64{
	"t3.nano": 0.0052, "t3.micro": 0.0104, "t3.small": 0.0208, "t3.medium": 0.0416,
	"t3.large": 0.0832, "t3.xlarge": 0.1664, "t3.2xlarge": 0.3328,

	"t3a.nano": 0.0047, "t3a.micro": 0.0094, "t3a.small": 0.0188, "t3a.medium": 0.0376,
	"t3a.large": 0.0752, "t3a.xlarge": 0.1504, "t3a.2xlarge": 0.3008,

	"t4g.nano": 0.0042, "t4g.micro": 0.0084, "t4g.small": 0.0168, "t4g.medium": 0.0336,
	"t4g.large": 0.0672, "t4g.xlarge": 0.1344, "t4g.2xlarge": 0.2688,

	"m5.large": 0.096, "m5.xlarge": 0.192, "m5.2xlarge": 0.384,
	"m6i.large": 0.096, "m6i.xlarge": 0.192, "m6i.2xlarge": 0.384,
	"m6g.large": 0.077, "m6g.xlarge": 0.154, "m6g.2xlarge": 0.308,
	"m7i.large": 0.1008, "m7i.xlarge": 0.2016, "m7i.2xlarge": 0.4032,

	"c5.large": 0.085, "c5.xlarge": 0.17, "c5.2xlarge": 0.34,
	"c6i.large": 0.085, "c6i.xlarge": 0.17, "c6i.2xlarge": 0.34,
	"c7i.large": 0.08925, "c7i.xlarge": 0.1785, "c7i.2xlarge": 0.357,

	"r5.large": 0.126, "r5.xlarge": 0.252, "r5.2xlarge": 0.504,
	"r6i.large": 0.126, "r6i.xlarge": 0.252, "r6i.2xlarge": 0.504,
}

// regionMultiplier is the approximate price of a region relative to
// us-east-1, per group.
var regionMultiplier = map[string]map[group]float64{
	"us-east-1":      {burstable: 1, general: 1, compute: 1, memory: 1, storage: 1},
	"us-east-2":      {burstable: 1, general: 1, compute: 1, memory: 1, storage: 1},
	"us-west-2":      {burstable: 1, general: 1, compute: 1, memory: 1, storage: 1},
	"eu-west-1":      {burstable: 1.10, general: 1.11, compute: 1.13, memory: 1.12, storage: 1.10},
	"eu-central-1":   {burstable: 1.15, general: 1.20, compute: 1.14, memory: 1.21, storage: 1.19},
	"ap-southeast-1": {burstable: 1.27, general: 1.25, compute: 1.15, memory: 1.21, storage: 1.20},
}

// volumeGBMonth is the us-east-1 EBS price per GB-month.
var volumeGBMonth = map[string]float64{
	"gp3": 0.08,
	"gp2": 0.10,
	"io2": 0.125,
}

// network holds the per-region prices of the networking resources.
type network struct {
	nlbHour    float64 // per NLB-hour
	nlbLCUHour float64 // per LCU-hour
	natHour    float64 // per NAT gateway-hour
	natGB      float64 // per GB processed (not in estimates: traffic is unknown)
}

var networkPrices = map[string]network{
	"us-east-1":      {nlbHour: 0.0225, nlbLCUHour: 0.006, natHour: 0.045, natGB: 0.045},
	"us-east-2":      {nlbHour: 0.0225, nlbLCUHour: 0.006, natHour: 0.045, natGB: 0.045},
	"us-west-2":      {nlbHour: 0.0225, nlbLCUHour: 0.006, natHour: 0.045, natGB: 0.045},
	"eu-west-1":      {nlbHour: 0.0252, nlbLCUHour: 0.006, natHour: 0.048, natGB: 0.048},
	"eu-central-1":   {nlbHour: 0.027, nlbLCUHour: 0.0065, natHour: 0.052, natGB: 0.052},
	"ap-southeast-1": {nlbHour: 0.0252, nlbLCUHour: 0.006, natHour: 0.059, natGB: 0.059},
}

// nominalLCUs is the LCU count assumed for an idle NLB in an estimate.
const nominalLCUs = 1

// publicIPv4Hour is the price of a public IPv4 address (EIP or not), in use
// or idle, per hour, in every region since February 2024.
const publicIPv4Hour = 0.005

// hostedZoneMonth is the price of a Route53 hosted zone per month (first 25
// zones; global, not per region).
const hostedZoneMonth = 0.50
