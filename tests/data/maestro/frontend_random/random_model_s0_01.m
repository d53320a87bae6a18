// random model file (seed 0, #1), written by experiments/maestro_reference/run_maestro.py --random-models 24 --seed 0
Network random_model_s0_01 {
	Layer L0 {
		Type: CONV
		Stride { X: 1, Y: 1 }
		Dimensions { N: 1, K: 96, C: 32, R: 3, S: 1, Y: 31, X: 6 }
	}
	Layer L1 {
		Type: DSCONV
		Stride { X: 1, Y: 1 }
		Dimensions { N: 3, K: 1, C: 64, R: 1, S: 1, Y: 8, X: 36 }
	}
	Layer L2 {
		Type: TRCONV
		Stride { X: 1, Y: 1 }
		Dimensions { N: 1, K: 32, C: 16, R: 5, S: 5, Y: 25, X: 20 }
	}
}
