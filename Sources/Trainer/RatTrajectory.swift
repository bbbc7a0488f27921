import Foundation

/// Smooth rat-like trajectories in a square box: the generator of Sorscher et al. (2019) / Banino et al.
/// (2018) — Rayleigh-distributed forward speeds, Gaussian turning, slowing down and turning away near walls.
public struct RatTrajectory: Sendable {
    /// Side of the square box (m); positions are in [0, box] × [0, box].
    public var box: Double = 2.0
    /// Time step (s).
    public var dt: Double = 0.02
    /// Rayleigh scale of the forward speed (m/s): 0.13·2π, as Sorscher et al.
    public var speedScale: Double = 0.13 * 2 * Double.pi
    /// Standard deviation of the rotation velocity (rad/s): 5.76·2.
    public var turnSigma: Double = 5.76 * 2
    /// Distance to a wall under which the animal turns away and slows to a quarter of its speed (m).
    public var borderRegion: Double = 0.03

    /// The generator for a square box of side `box` metres, other parameters as Sorscher et al.
    public init(box: Double = 2.0) { self.box = box }

    /// `steps` positions (after each step) and the velocities that led there, interleaved x, y, in metres and
    /// metres per step; the walk starts at the box centre with a random heading.
    public func generate(steps: Int, rng: inout Xoshiro256) -> (positions: [Double], velocities: [Double]) {
        var pos = [Double](repeating: 0, count: 2 * steps), vel = [Double](repeating: 0, count: 2 * steps)
        let half = box / 2
        var x = 0.0, y = 0.0   // centred coordinates, box = [−half, half]²
        var heading = 2 * Double.pi * rng.nextUnitDouble()
        for t in 0..<steps {
            let speed = speedScale * (-2 * Foundation.log(1 - rng.nextUnitDouble())).squareRoot()
            let randomTurn = turnSigma * rng.nextGaussian()
            // Nearest wall: right, top, left, bottom, whose outward normals point at angles 0, π/2, π, 3π/2.
            let dists = [half - x, half - y, half + x, half + y]
            var wall = 0
            for i in 1..<4 where dists[i] < dists[wall] { wall = i }
            let theta = Double(wall) * Double.pi / 2
            var aWall = (heading.truncatingRemainder(dividingBy: 2 * .pi) + 2 * .pi).truncatingRemainder(dividingBy: 2 * .pi) - theta
            aWall = (aWall + .pi).truncatingRemainder(dividingBy: 2 * .pi)
            if aWall < 0 { aWall += 2 * .pi }
            aWall -= .pi
            var v = speed, turn = 0.0
            if dists[wall] < borderRegion, abs(aWall) < .pi / 2 {
                v *= 0.25
                turn = (aWall >= 0 ? 1 : -1) * (.pi / 2 - abs(aWall))
            }
            turn += dt * randomTurn
            let step = v * dt
            let vx = step * Foundation.cos(heading), vy = step * Foundation.sin(heading)
            x = min(max(x + vx, -half), half); y = min(max(y + vy, -half), half)
            heading += turn
            vel[2 * t] = vx; vel[2 * t + 1] = vy
            pos[2 * t] = x + half; pos[2 * t + 1] = y + half
        }
        return (pos, vel)
    }
}
