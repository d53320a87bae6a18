// random model file (seed 0, #4), written by experiments/maestro_reference/run_maestro.py --random-models 24 --seed 0
Network random_model_s0_04 {
	Layer L0 {
		Type: CONV
		Stride { X: 1, Y: 1 }
		Dimensions { N: 4, K: 96, C: 8, R: 7, S: 7, Y: 11, X: 21 }
	}
	Layer L1 {
		Type: DSCONV
		Stride { X: 1, Y: 1 }
		Dimensions { N: 1, K: 1, C: 1, R: 3, S: 3, Y: 9, X: 28 }
	}
}
