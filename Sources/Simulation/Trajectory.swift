import Foundation
import RepIO

/// A smooth rat-like random walk in a rectangular box: Rayleigh-distributed speeds, Gaussian turning and
/// wall avoidance — the generator of Banino 2018 / Sorscher 2019, which the path-integration literature trains on.
public struct Trajectory: Sendable {
    /// Positions [T,2] (x, y in metres), row-major.
    public var positions: [Double]
    /// Velocities [T,2] in m/s: the displacement from sample t to t+1 divided by dt.
    public var velocities: [Double]
    /// Head direction in radians, counter-clockwise from +x, one per sample.
    public var headDirection: [Double]
    /// The number of samples T.
    public var count: Int { headDirection.count }

    /// Parameters of the walk.
    public struct Parameters: Sendable, Equatable {
        /// Box width (x extent) in metres.
        public var boxWidth: Double = 1.0
        /// Box height (y extent) in metres.
        public var boxHeight: Double = 1.0
        /// Lower-left corner of the box in metres (x).
        public var boxOriginX: Double = 0
        /// Lower-left corner of the box in metres (y).
        public var boxOriginY: Double = 0
        /// Number of samples T.
        public var steps: Int = 50_000
        /// Time step in seconds.
        public var dt: Double = 0.02
        /// Scale of the Rayleigh speed distribution in m/s (mean speed is about 1.25 times this).
        public var speedScale: Double = 0.13
        /// Standard deviation of the turning rate in rad/s (Sorscher 2019 uses 11.52 rad/s).
        public var turnSD: Double = 5.76
        /// Distance from a wall, in metres, at which the animal turns away and slows down.
        public var wallBorder: Double = 0.03
        /// Start at the box centre (as a network rollout does, from g_0) instead of a uniform random point.
        public var startAtCentre = false

        /// Parameters with the literature's defaults for speed and turning.
        public init(boxWidth: Double = 1.0, boxHeight: Double = 1.0, steps: Int = 50_000, dt: Double = 0.02) {
            self.boxWidth = boxWidth; self.boxHeight = boxHeight; self.steps = steps; self.dt = dt
        }

        /// The generator exactly as Sorscher et al. (2019) train on: a square box of side `box` metres, Rayleigh
        /// speed scale 0.13·2π m/s, turning SD 11.52 rad/s, wall border 0.03 m, starting at the centre.
        public static func sorscher(box: Double, steps: Int, dt: Double = 0.02) -> Parameters {
            var p = Parameters(boxWidth: box, boxHeight: box, steps: steps, dt: dt)
            p.speedScale = 0.13 * 2 * .pi
            p.turnSD = 5.76 * 2
            p.wallBorder = 0.03
            p.startAtCentre = true
            return p
        }
    }

    /// Simulates a walk that starts at a uniform random point, heading in a uniform random direction.
    public static func simulate(_ p: Parameters, rng: inout Xoshiro256) -> Trajectory {
        let T = max(p.steps, 0)
        var pos = [Double](repeating: 0, count: 2 * T)
        var vel = [Double](repeating: 0, count: 2 * T)
        var hd = [Double](repeating: 0, count: T)
        guard T > 0 else { return Trajectory(positions: pos, velocities: vel, headDirection: hd) }
        let w = p.boxWidth, h = p.boxHeight
        // Work in box-centred coordinates, as the reference generator does.
        var x = p.startAtCentre ? 0 : rng.nextUniform(-w / 2 + p.wallBorder, w / 2 - p.wallBorder)
        var y = p.startAtCentre ? 0 : rng.nextUniform(-h / 2 + p.wallBorder, h / 2 - p.wallBorder)
        var theta = rng.nextUniform(0, 2 * .pi)
        for t in 0..<T {
            pos[2 * t] = x + p.boxOriginX + w / 2
            pos[2 * t + 1] = y + p.boxOriginY + h / 2
            hd[t] = theta
            var speed = rng.nextRayleigh(scale: p.speedScale)
            var turn = p.dt * p.turnSD * rng.nextGaussian()
            // Wall avoidance: near a wall and heading into it, turn so as to run parallel to it, and slow down.
            let dists = [w / 2 - x, h / 2 - y, w / 2 + x, h / 2 + y]
            var iw = 0
            for k in 1..<4 where dists[k] < dists[iw] { iw = k }
            let wallAngle = Double(iw) * .pi / 2
            var a = (theta - wallAngle).truncatingRemainder(dividingBy: 2 * .pi)
            a = (a + 3 * .pi).truncatingRemainder(dividingBy: 2 * .pi) - .pi
            if dists[iw] < p.wallBorder && abs(a) < .pi / 2 {
                turn += (a >= 0 ? 1 : -1) * (.pi / 2 - abs(a))
                speed *= 0.25
            }
            var nx = x + speed * p.dt * Foundation.cos(theta)
            var ny = y + speed * p.dt * Foundation.sin(theta)
            // Never leave the box: reflect a step that would cross a wall (rare with the border rule).
            if nx > w / 2 { nx = w - nx } else if nx < -w / 2 { nx = -w - nx }
            if ny > h / 2 { ny = h - ny } else if ny < -h / 2 { ny = -h - ny }
            nx = min(max(nx, -w / 2), w / 2); ny = min(max(ny, -h / 2), h / 2)
            vel[2 * t] = (nx - x) / p.dt
            vel[2 * t + 1] = (ny - y) / p.dt
            x = nx; y = ny
            theta = (theta + turn).truncatingRemainder(dividingBy: 2 * .pi)
            if theta < 0 { theta += 2 * .pi }
        }
        return Trajectory(positions: pos, velocities: vel, headDirection: hd)
    }
}
